// Any node kind by id (for `node(id)`). In: $keys [id].
// Out: key, kind (Researcher|Paper|Topic|Institution), node — first kind in that order wins.
UNWIND $keys AS key
CALL (key) {
  MATCH (n:Researcher {id: key}) RETURN 'Researcher' AS kind, n {.*} AS node, 1 AS rank
  UNION
  MATCH (n:Paper {id: key}) RETURN 'Paper' AS kind, n {.*} AS node, 2 AS rank
  UNION
  MATCH (n:Topic {id: key}) RETURN 'Topic' AS kind, n {.*} AS node, 3 AS rank
  UNION
  MATCH (n:Institution {id: key}) RETURN 'Institution' AS kind, n {.*} AS node, 4 AS rank
}
WITH key, kind, node ORDER BY rank
WITH key, collect({kind: kind, node: node})[0] AS found
RETURN key, found.kind AS kind, found.node AS node
