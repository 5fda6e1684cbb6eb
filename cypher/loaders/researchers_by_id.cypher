// Researchers by id. In: $keys [id], $props. Out: key, node — no row for an unknown id.
// With $props null, node is every property as a map; else the values of $props, in order.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
RETURN key, CASE WHEN $props IS NULL THEN properties(r) ELSE [k IN $props | r[k]] END AS node
