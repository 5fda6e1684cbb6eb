// Every block of two or more records sharing a name key (one pass over the researchers, then
// grouped), and every pair across a key and its other-order key, and shared ORCIDs.
// In: $keys [ignored], $maxBlock (larger blocks are left out: too common a name to tell).
// Out: key, pairs [[id, id]].
UNWIND $keys AS key
CALL () {
  MATCH (r:Researcher)
  WHERE r.nameKey IS NOT NULL AND r.nameKey <> ''
  WITH r.nameKey AS block, collect(r.id) AS ids
  WHERE 1 < size(ids) <= $maxBlock
  UNWIND range(0, size(ids) - 2) AS i
  UNWIND range(i + 1, size(ids) - 1) AS j
  RETURN ids[i] AS a, ids[j] AS b
  UNION
  MATCH (r:Researcher)
  WHERE r.nameKeyAlt IS NOT NULL AND r.nameKeyAlt <> ''
  MATCH (c:Researcher {nameKey: r.nameKeyAlt})
  WHERE r.id < c.id
  RETURN r.id AS a, c.id AS b
  UNION
  MATCH (r:Researcher)
  WHERE r.orcid IS NOT NULL
  WITH r.orcid AS orcid, collect(r.id) AS ids
  WHERE size(ids) > 1
  UNWIND range(0, size(ids) - 2) AS i
  UNWIND range(i + 1, size(ids) - 1) AS j
  RETURN ids[i] AS a, ids[j] AS b
}
RETURN key, collect([a, b]) AS pairs
