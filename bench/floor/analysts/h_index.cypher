// Floor: the ten people ever affiliated with an institution with the highest h-index, then
// most works, name and id. In: $institution. Out: id.
MATCH (:Institution {id: $institution})<-[:AFFILIATED_WITH]-(r:Researcher)
WITH DISTINCT r
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH DISTINCT p
  WITH COUNT { (p)<-[:CITES]-() } AS c ORDER BY c DESC
  WITH collect(c) AS cites
  RETURN size([i IN range(0, size(cites) - 1) WHERE cites[i] >= i + 1]) AS h, size(cites) AS works
}
RETURN r.id AS id ORDER BY h DESC, works DESC, coalesce(r.name, ''), r.id LIMIT 10
