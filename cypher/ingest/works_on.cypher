// Makes WORKS_ON {score} exact again for the given researchers (every topic they have one to or
// have a work about) and for the given (researcher, topic) pairs: `score` is the summed ABOUT
// scores of the researcher's works about the topic, as a neighbourhood ranks a researcher's
// topics, rounded to 9 decimals so that the order the works are summed in (which moves as the
// graph changes) cannot change it; a pair left with no such work loses its WORKS_ON.
// In: $researchers [id], $pairs [{researcher, topic}]. Out: pairs (how many were looked at).
CALL () {
  UNWIND $researchers AS rid
  MATCH (r:Researcher {id: rid})
  CALL (r) {
    MATCH (r)-[:WORKS_ON]->(t:Topic)
    RETURN t
    UNION
    MATCH (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic)
    RETURN t
  }
  RETURN r, t
  UNION
  UNWIND $pairs AS pair
  MATCH (r:Researcher {id: pair.researcher}), (t:Topic {id: pair.topic})
  RETURN r, t
}
WITH DISTINCT r, t
CALL (r, t) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t)
  WITH round(sum(a.score), 9) AS score, count(a) AS works
  CALL (r, t, works) {
    WITH * WHERE works = 0
    MATCH (r)-[old:WORKS_ON]->(t)
    DELETE old
  }
  CALL (r, t, score, works) {
    WITH * WHERE works > 0
    MERGE (r)-[kept:WORKS_ON]->(t)
    SET kept.score = score
  }
}
RETURN count(*) AS pairs
