// Floor: researchers affiliated with an institution (any stint; every researcher when
// $institution is null), most works published from $from to $to first (both years included,
// each work once), then most works, then by name and id; the first $first.
// In: $institution, $from, $to, $first. Out: id, inWindow, works.
CALL () {
  MATCH (:Institution {id: $institution})<-[:AFFILIATED_WITH]-(r:Researcher)
  RETURN DISTINCT r
  UNION
  MATCH (r:Researcher) WHERE $institution IS NULL
  RETURN r
}
OPTIONAL MATCH (r)-[:AUTHORED]->(p:Paper)
WITH r, collect(DISTINCT p) AS works
RETURN r.id AS id, size([p IN works WHERE $from <= p.year <= $to]) AS inWindow,
  size(works) AS works
ORDER BY inWindow DESC, works DESC, coalesce(r.name, ''), r.id
LIMIT $first
