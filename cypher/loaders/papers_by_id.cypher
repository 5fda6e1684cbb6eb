// Papers by id. In: $keys [id], $props, $cites. Out: key, node, citedByCount (null unless
// $cites) — no row for an unknown id. With $props null, node is every property and
// citedByCount as a map; else the values of $props, in order.
UNWIND $keys AS key
MATCH (p:Paper {id: key})
RETURN key,
       CASE WHEN $props IS NULL THEN p {.*, citedByCount: COUNT { (p)<-[:CITES]-() }}
         ELSE [k IN $props | p[k]] END AS node,
       CASE WHEN $cites THEN COUNT { (p)<-[:CITES]-() } END AS citedByCount
