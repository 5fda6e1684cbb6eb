// Makes WORKS_ON {score} exact again for the given researchers, or (with $researchers null) for
// up to $limit researchers marked :WorksOnStale: each loses its WORKS_ON and gets one to every
// topic of its works, `score` being the summed ABOUT scores of its works about the topic (as a
// neighbourhood ranks a researcher's topics), rounded to 9 decimals so that the order the works
// are summed in (which moves as the graph changes) cannot change it. Clears their mark.
// In: $researchers [id] or null, $limit. Out: researchers (how many were recounted).
CALL () {
  UNWIND coalesce($researchers, []) AS rid
  MATCH (r:Researcher {id: rid})
  RETURN r
  UNION
  MATCH (r:WorksOnStale) WHERE $researchers IS NULL
  WITH r LIMIT $limit
  RETURN r
}
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
RETURN count(r) AS researchers
