// Makes COAUTHOR {shared} exact again around the given researchers and the authors the given
// papers have now: every COAUTHOR touching one of them is dropped and made again from AUTHORED,
// both ways (shared = their papers in common). Pairs of two untouched researchers keep theirs.
// The touched carry :Recounting while it runs, so a pair of two touched is made once each way.
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
  SET r:Recounting
  WITH r
  MATCH (r)-[old:COAUTHOR]-()
  WITH DISTINCT old
  DELETE old
}
UNWIND touched AS r
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(DISTINCT p) AS shared
  CREATE (r)-[:COAUTHOR {shared: shared}]->(c)
  WITH c, shared WHERE NOT c:Recounting
  CREATE (c)-[:COAUTHOR {shared: shared}]->(r)
}
WITH collect(r) AS done
FOREACH (r IN done | REMOVE r:Recounting)
RETURN size(done) AS researchers
