// Any node kind by id (for `node(id)`); an absorbed researcher record's id gives the record that
// absorbed it (following merges in a chain), as `researcher(id)` does. In: $keys [id].
// Out: key, kind (Researcher|Paper|Topic|Institution), node — first kind in that order wins,
// an absorbed id last.
UNWIND $keys AS key
CALL (key) {
  MATCH (n:Researcher {id: key}) RETURN 'Researcher' AS kind, n {.*} AS node, 1 AS rank
  UNION
  MATCH (n:Paper {id: key}) RETURN 'Paper' AS kind, n {.*} AS node, 2 AS rank
  UNION
  MATCH (n:Topic {id: key}) RETURN 'Topic' AS kind, n {.*} AS node, 3 AS rank
  UNION
  MATCH (n:Institution {id: key}) RETURN 'Institution' AS kind, n {.*} AS node, 4 AS rank
  UNION
  MATCH (:Merged {id: key})-[:MERGED_INTO*1..20]->(n:Researcher)
  RETURN 'Researcher' AS kind, n {.*} AS node, 5 AS rank
}
WITH key, kind, node ORDER BY rank
WITH key, collect({kind: kind, node: node})[0] AS found
RETURN key, found.kind AS kind, found.node AS node
