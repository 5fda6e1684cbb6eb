// A seeded sample of the papers matching a filter: every match ranked by a hash of its id and
// the seed, the first `size`; the same seed over the same papers gives the same sample, on any
// database. The hash reads the id's characters as their places in $alphabet (any other
// character as one more place) into a number below 2^31 - 1, which the seed then scrambles
// (multiplying by a seed-made factor modulo that prime permutes the numbers).
// In: $alphabet, $keys [{the filter's fields (`fragments/paper_filter`), anchored and the anchor
// lists (`fragments/paper_members`), anchorHolds, untested and linked
// (`loaders/filters.anchored`), size, seed}].
// Out: key, items [{node}] in sample order, unknown (`fragments/unknown_filter_ids`).
// $props: null for every property of a node as a map, else the values of $props in order.
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    {{ paper_members(true) }}
    UNION ALL
    MATCH (p:Paper)
    WHERE p.id >= CASE WHEN key.anchored IS NULL THEN '' END
    RETURN p
  }
  WITH DISTINCT key, p
  WHERE key.untested OR {{ paper_filter(p, key.anchorHolds) }}
  WITH key, p, reduce(h = 0, c IN split(p.id, '')
      | (h * 48271 + size(split($alphabet, c)[0]) + 1) % 2147483647) AS hashed
  WITH key, p, (hashed * (key.seed % 2147483646 + 1) + key.seed) % 2147483647 AS rank
  ORDER BY rank, p.id
  WITH key, collect(p) AS ranked
  RETURN ranked[0..key.size] AS sample
}
RETURN key, [p IN sample | {
    node: CASE WHEN $props IS NULL THEN properties(p) ELSE [k IN $props | p[k]] END}] AS items,
  {{ unknown_filter_ids(key) }} AS unknown
