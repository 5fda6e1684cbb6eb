// Institutions by id. In: $keys [id]. Out: key, node (all properties) — no row for an unknown id.
UNWIND $keys AS key
MATCH (i:Institution {id: key})
RETURN key, i {.*} AS node
