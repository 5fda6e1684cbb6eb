// Before merged ids of works, topics and institutions fold: marks for rescoring the researchers
// whose duplicate features the folds change (the pairs of a bulk build were scored before them):
// the authors of the papers, of the papers about the topics, those affiliated with the
// institutions, and the coauthors of all of them (whose collaboration network changes).
// In: $papers [id], $topics [id], $institutions [id]. Out: marked.
CALL () {
  UNWIND $papers AS pid
  MATCH (r:Researcher)-[:AUTHORED]->(:Paper {id: pid})
  RETURN r
  UNION
  UNWIND $topics AS tid
  MATCH (r:Researcher)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: tid})
  RETURN r
  UNION
  UNWIND $institutions AS iid
  MATCH (r:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: iid})
  RETURN r
}
CALL (r) {
  RETURN r AS m
  UNION
  MATCH (r)-[:COAUTHOR]->(m:Researcher)
  RETURN m
}
WITH DISTINCT m
SET m:DuplicatesStale
RETURN count(m) AS marked
