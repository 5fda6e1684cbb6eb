// Builds the outgoing RELATED {shared} of topics that share a paper with another topic but have
// none yet (a graph loaded before RELATED was kept), a page of topics at a time in id order.
// Only outgoing ones: each related topic still without RELATED gets its own, the way back
// included, when its page comes. In: $after (the last id of the previous page, '' first),
// $limit. Out: built (topics given RELATED), last (the page's last id; null: no more).
MATCH (t:Topic) WHERE t.id > $after
WITH t ORDER BY t.id LIMIT $limit
WITH collect(t) AS page
CALL (page) {
  UNWIND page AS t
  WITH t WHERE NOT EXISTS { (t)-[:RELATED]->() }
    AND EXISTS { MATCH (t)<-[:ABOUT]-(:Paper)-[:ABOUT]->(u:Topic) WHERE u <> t }
  CALL (t) {
    MATCH (t)<-[:ABOUT]-(p:Paper)-[:ABOUT]->(u:Topic)
    WHERE u <> t
    WITH u, count(DISTINCT p) AS shared
    MERGE (t)-[out:RELATED]->(u)
    SET out.shared = shared
  }
  RETURN count(t) AS built
}
RETURN built, CASE WHEN size(page) = 0 THEN null ELSE page[-1].id END AS last
