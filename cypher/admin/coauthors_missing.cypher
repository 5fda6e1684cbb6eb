// Builds the outgoing COAUTHOR {shared} of researchers who share a paper with someone but have
// none yet (a graph loaded before COAUTHOR was kept), a page of researchers at a time in id
// order. Only outgoing ones: each coauthor still without COAUTHOR gets theirs, the way back
// included, when its own page comes. In: $after (the last id of the previous page, '' first),
// $limit. Out: built (researchers given COAUTHOR), last (the page's last id; null: no more).
MATCH (r:Researcher) WHERE r.id > $after
WITH r ORDER BY r.id LIMIT $limit
WITH collect(r) AS page
CALL (page) {
  UNWIND page AS r
  WITH r WHERE NOT EXISTS { (r)-[:COAUTHOR]->() }
    AND EXISTS { MATCH (r)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Researcher) WHERE c <> r }
  CALL (r) {
    MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
    WHERE c <> r
    WITH c, count(DISTINCT p) AS shared
    MERGE (r)-[out:COAUTHOR]->(c)
    SET out.shared = shared
  }
  RETURN count(r) AS built
}
RETURN built, CASE WHEN size(page) = 0 THEN null ELSE page[-1].id END AS last
