// The records each given record is compared with: those of its block (the same name key, either
// key of the name read in the other order, looked up both ways so blocks are symmetric) and those
// with the same ORCID; index seeks, never a scan. A name shared by more than $crowd records says
// little and would make the pairs grow with the square of the block, so a pair of two records
// whose blocks are not both within $crowd is compared only when they share a coauthor (or the
// ORCID). Both sides of a pair see the same rule, so rescoring either one gives the same pairs.
// A record no longer live (merged, gone) has none.
// In: $ids [researcher id], $crowd. Out: id, record {id, name, nameVariants, orcid} (null when
// not live), mates [{id, name, nameVariants, orcid}].
UNWIND $ids AS id
OPTIONAL MATCH (r:Researcher {id: id})
CALL (r) {
  WITH r WHERE r IS NOT NULL
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
  }
  WITH r, collect(c) AS block
  WITH r, block, size(block) <= $crowd AS small
  CALL (r, block, small) {
    UNWIND block AS c
    WITH c
    WHERE small AND COUNT {
      MATCH (o:Researcher {nameKey: c.nameKey}) WHERE c.nameKey <> '' AND o <> c
      RETURN o
      UNION
      MATCH (o:Researcher {nameKey: c.nameKeyAlt}) WHERE c.nameKeyAlt <> '' AND o <> c
      RETURN o
      UNION
      MATCH (o:Researcher {nameKeyAlt: c.nameKey}) WHERE c.nameKey <> '' AND o <> c
      RETURN o
    } <= $crowd
    RETURN c
    UNION
    MATCH (r)-[:COAUTHOR]->(:Researcher)-[:COAUTHOR]->(c:Researcher)
    WHERE c <> r
      AND ((r.nameKey <> '' AND c.nameKey = r.nameKey)
        OR (r.nameKeyAlt <> '' AND c.nameKey = r.nameKeyAlt)
        OR (r.nameKey <> '' AND c.nameKeyAlt = r.nameKey))
    RETURN c
    UNION
    MATCH (c:Researcher {orcid: r.orcid})
    WHERE c <> r
    RETURN c
  }
  RETURN collect(c {.id, .name, .nameVariants, .orcid}) AS mates
}
RETURN id, r {.id, .name, .nameVariants, .orcid} AS record, coalesce(mates, []) AS mates
