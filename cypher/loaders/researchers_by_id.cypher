// Researchers by id. In: $keys [id]. Out: key, node (all properties) — no row for an unknown id.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
RETURN key, r {.*} AS node
