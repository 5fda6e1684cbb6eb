// Marks records whose candidate pairs must be scored again: the given researchers, the authors
// the given papers have now, and the coauthors of both (whose collaboration network, the
// coauthors of their coauthors, changed with them).
// In: $researchers [id], $papers [id]. Out: marked.
CALL () {
  UNWIND $researchers AS rid
  MATCH (r:Researcher {id: rid})
  RETURN r
  UNION
  UNWIND $papers AS pid
  MATCH (r:Researcher)-[:AUTHORED]->(:Paper {id: pid})
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
