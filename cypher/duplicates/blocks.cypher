// The records each given record may be compared with. A record's crowd is how many records hold
// its name keys: those whose key is its key or its other-order key, and those whose other-order
// key is its key (index counts). A name held by more than $crowd records says little by itself
// and would make the pairs grow with the square of the block, so the whole name block (the same
// keys, looked up both ways so blocks are symmetric) comes back only for a record whose crowd is
// within $crowd, marked `linked: false`; the caller keeps such a mate when the mate's crowd is
// within $crowd too (duplicates/key_counts), or else when the two share a coauthor
// (duplicates/share_coauthor). Such a record also brings the records whose long family name is
// one edit from its own (head or tail key equal to one of its `nameKeyNear` probes; a probe
// held by more than $crowd records is skipped): the caller keeps those whose names fit.
// For a record past $crowd, the block's records sharing a coauthor
// with it come back `linked: true`, and for every record those with its ORCID. So a pair is
// compared when both crowds are within $crowd, or the two share a coauthor or the ORCID, seen
// alike from either side: rescoring either gives the same pairs. A record no longer live
// (merged, gone) has none. Index seeks and coauthor steps, never a scan.
// In: $ids [researcher id], $crowd. Out: id, record {id, name, nameVariants, orcid} (null when
// not live), crowd, mates [{id, name, nameVariants, orcid, nameKey, nameKeyAlt, linked}].
UNWIND $ids AS id
OPTIONAL MATCH (r:Researcher {id: id})
CALL (r) {
  WITH r WHERE r IS NOT NULL
  WITH r,
       CASE WHEN r.nameKey <> '' THEN
         COUNT { MATCH (o:Researcher {nameKey: r.nameKey}) RETURN o }
         + COUNT { MATCH (o:Researcher {nameKeyAlt: r.nameKey}) RETURN o }
       ELSE 0 END
       + CASE WHEN r.nameKeyAlt <> '' THEN
         COUNT { MATCH (o:Researcher {nameKey: r.nameKeyAlt}) RETURN o }
       ELSE 0 END AS crowd
  CALL (r, crowd) {
    WITH r WHERE crowd <= $crowd
    CALL (r) {
      MATCH (c:Researcher {nameKey: r.nameKey})
      WHERE r.nameKey <> '' AND c <> r
      RETURN c
      UNION
      MATCH (c:Researcher {nameKey: r.nameKeyAlt})
      WHERE r.nameKeyAlt <> '' AND c <> r
      RETURN c
      UNION
      MATCH (c:Researcher {nameKeyAlt: r.nameKey})
      WHERE r.nameKey <> '' AND c <> r
      RETURN c
      UNION
      UNWIND coalesce(r.nameKeyNear, []) AS probe
      WITH r, probe
      WHERE COUNT { MATCH (o:Researcher {nameKeyHead: probe}) RETURN o } <= $crowd
      MATCH (c:Researcher {nameKeyHead: probe})
      WHERE c <> r
      RETURN c
      UNION
      UNWIND coalesce(r.nameKeyNear, []) AS probe
      WITH r, probe
      WHERE COUNT { MATCH (o:Researcher {nameKeyTail: probe}) RETURN o } <= $crowd
      MATCH (c:Researcher {nameKeyTail: probe})
      WHERE c <> r
      RETURN c
    }
    RETURN c, false AS linked
    UNION
    // unlabelled (COAUTHOR joins researchers only), so the planner walks out from r instead
    // of seeking every record of the name and joining back
    WITH r WHERE crowd > $crowd
    MATCH (r)-[:COAUTHOR]->()-[:COAUTHOR]->(c)
    WHERE c <> r
      AND ((r.nameKey <> '' AND c.nameKey = r.nameKey)
        OR (r.nameKeyAlt <> '' AND c.nameKey = r.nameKeyAlt)
        OR (r.nameKey <> '' AND c.nameKeyAlt = r.nameKey))
    RETURN c, true AS linked
    UNION
    MATCH (c:Researcher {orcid: r.orcid})
    WHERE c <> r
    RETURN c, true AS linked
  }
  RETURN crowd,
         collect(c {.id, .name, .nameVariants, .orcid, .nameKey, .nameKeyAlt, linked: linked})
           AS mates
}
RETURN id, r {.id, .name, .nameVariants, .orcid} AS record, crowd, coalesce(mates, []) AS mates
