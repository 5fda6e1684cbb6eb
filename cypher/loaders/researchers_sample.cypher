// A seeded sample of the researchers matching a filter, as `papers_sample` draws papers.
// In: $alphabet, $keys [{the filter's fields (`fragments/researcher_filter`), anchored and the
// anchor lists (`fragments/researcher_members`), size, seed}].
// Out: key, items [{node}] in sample order, unknown (`fragments/unknown_filter_ids`).
// $props: null for every property of a node as a map, else the values of $props in order.
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    {{ researcher_members(true) }}
    UNION ALL
    MATCH (r:Researcher)
    WHERE r.id >= CASE WHEN key.anchored IS NULL THEN '' END
    RETURN r
  }
  WITH DISTINCT key, r
  WHERE {{ researcher_filter(r) }}
  WITH key, r, reduce(h = 0, c IN split(r.id, '')
      | (h * 48271 + size(split($alphabet, c)[0]) + 1) % 2147483647) AS hashed
  WITH key, r, (hashed * (key.seed % 2147483646 + 1) + key.seed) % 2147483647 AS rank
  ORDER BY rank, r.id
  WITH key, collect(r) AS ranked
  RETURN ranked[0..key.size] AS sample
}
RETURN key, [r IN sample | {
    node: CASE WHEN $props IS NULL THEN properties(r) ELSE [k IN $props | r[k]] END}] AS items,
  {{ unknown_filter_ids(key) }} AS unknown
