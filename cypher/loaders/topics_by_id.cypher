// Topics by id. In: $keys [id]. Out: key, node (all properties) — no row for an unknown id.
UNWIND $keys AS key
MATCH (t:Topic {id: key})
RETURN key, t {.*} AS node
