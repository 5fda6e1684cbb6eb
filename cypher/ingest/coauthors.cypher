// Makes COAUTHOR {shared} exact again around the given researchers and the authors the given
// papers have now: every COAUTHOR touching one of them is dropped and made again from AUTHORED,
// both ways (shared = their papers in common). Pairs of two untouched researchers keep theirs.
// In: $researchers [id], $papers [id]. Out: researchers (how many were recomputed).
CALL () {
  UNWIND $researchers AS rid
  MATCH (r:Researcher {id: rid})
  RETURN r
  UNION
  UNWIND $papers AS pid
  MATCH (r:Researcher)-[:AUTHORED]->(:Paper {id: pid})
  RETURN r
}
WITH collect(r) AS touched
CALL (touched) {
  UNWIND touched AS r
  MATCH (r)-[old:COAUTHOR]-()
  WITH DISTINCT old
  DELETE old
}
UNWIND touched AS r
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(DISTINCT p) AS shared
  MERGE (r)-[out:COAUTHOR]->(c)
  SET out.shared = shared
  MERGE (c)-[back:COAUTHOR]->(r)
  SET back.shared = shared
}
RETURN count(r) AS researchers
