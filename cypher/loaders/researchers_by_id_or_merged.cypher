// Researchers by id, where an absorbed record's id gives the record that absorbed it (following
// merges in a chain). In: $keys [id], $props. Out: key, node — no row for an unknown id.
// With $props null, node is every property as a map; else the values of $props, in order.
UNWIND $keys AS key
OPTIONAL MATCH (live:Researcher {id: key})
OPTIONAL MATCH (:Merged {id: key})-[:MERGED_INTO*1..20]->(survivor:Researcher)
WITH key, coalesce(live, survivor) AS r
WHERE r IS NOT NULL
RETURN key, CASE WHEN $props IS NULL THEN properties(r) ELSE [k IN $props | r[k]] END AS node
