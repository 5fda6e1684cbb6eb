// The records that share a block with each given record: the same name key, either key of the
// name read in the other order (looked up both ways, so the blocks are symmetric), or the same
// ORCID; index seeks, never a scan. A record no longer live (merged, gone) has none.
// In: $ids [researcher id]. Out: id, record {id, name, nameVariants, orcid} (null when not
// live), mates [{id, name, nameVariants, orcid}].
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
    UNION
    MATCH (c:Researcher {orcid: r.orcid})
    WHERE c <> r
    RETURN c
  }
  RETURN collect(c {.id, .name, .nameVariants, .orcid}) AS mates
}
RETURN id, r {.id, .name, .nameVariants, .orcid} AS record, coalesce(mates, []) AS mates
