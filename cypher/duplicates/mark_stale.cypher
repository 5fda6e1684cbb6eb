// Marks records whose candidate pairs must be scored again: the given researchers and the
// authors the given papers have now (their works, coauthors, topics or years changed).
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
SET r:DuplicatesStale
RETURN count(r) AS marked
