// Papers by id. In: $keys [id]. Out: key, node (all properties and citedByCount) — no row for
// an unknown id.
UNWIND $keys AS key
MATCH (p:Paper {id: key})
RETURN key, p {.*, citedByCount: COUNT { (p)<-[:CITES]-() }} AS node
