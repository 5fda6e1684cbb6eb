// Papers by id. In: $keys [id]. Out: key, node (all properties) — no row for an unknown id.
UNWIND $keys AS key
MATCH (p:Paper {id: key})
RETURN key, p {.*} AS node
