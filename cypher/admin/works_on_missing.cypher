// Builds the WORKS_ON {score} of researchers who have works about topics but none yet (a graph
// loaded before WORKS_ON was kept), a page of researchers at a time in id order; the score
// rounded as cypher/ingest/works_on.cypher rounds it.
// In: $after (the last id of the previous page, '' first), $limit.
// Out: built (researchers given WORKS_ON), last (the page's last id; null: no more).
MATCH (r:Researcher) WHERE r.id > $after
WITH r ORDER BY r.id LIMIT $limit
WITH collect(r) AS page
CALL (page) {
  UNWIND page AS r
  WITH r WHERE NOT EXISTS { (r)-[:WORKS_ON]->() }
    AND EXISTS { (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic) }
  CALL (r) {
    MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic)
    WITH t, round(sum(a.score), 9) AS score
    MERGE (r)-[kept:WORKS_ON]->(t)
    SET kept.score = score
    {{ unrank(t) }}
  }
  RETURN count(r) AS built
}
RETURN built, CASE WHEN size(page) = 0 THEN null ELSE page[-1].id END AS last
