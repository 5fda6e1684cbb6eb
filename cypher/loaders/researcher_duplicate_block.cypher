// The records sharing a researcher's block: the same name key, the key of the name read in the
// other order, or the same ORCID (index seeks, never a scan). In: $keys [researcher id].
// Out: key, candidates [id].
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
CALL (r) {
  MATCH (c:Researcher {nameKey: r.nameKey})
  WHERE r.nameKey <> '' AND c <> r
  RETURN c
  UNION
  MATCH (c:Researcher {nameKey: r.nameKeyAlt})
  WHERE r.nameKeyAlt <> '' AND c <> r
  RETURN c
  UNION
  MATCH (c:Researcher {orcid: r.orcid})
  WHERE c <> r
  RETURN c
}
RETURN key, collect(c.id) AS candidates
