// Recounts the WORKS_ON of up to $limit researchers marked :WorksOnStale, as
// cypher/ingest/works_on.cypher does, and clears their mark. In: $limit.
// Out: refreshed (0: none was marked).
MATCH (r:WorksOnStale)
WITH r LIMIT $limit
CALL (r) {
  OPTIONAL MATCH (r)-[old:WORKS_ON]->()
  DELETE old
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic)
  WITH t, round(sum(a.score), 9) AS score
  CREATE (r)-[:WORKS_ON {score: score}]->(t)
}
REMOVE r:WorksOnStale
RETURN count(r) AS refreshed
