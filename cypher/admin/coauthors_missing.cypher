// Builds the outgoing COAUTHOR {shared} of up to $limit researchers who share a paper with
// someone but have none yet (a graph loaded before COAUTHOR was kept). Only outgoing ones: each
// coauthor still without COAUTHOR gets theirs, the way back included, in a later batch.
// In: $limit. Out: researchers (how many were built).
MATCH (r:Researcher)
WHERE NOT EXISTS { (r)-[:COAUTHOR]->() }
  AND EXISTS { MATCH (r)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c:Researcher) WHERE c <> r }
WITH r LIMIT $limit
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH c, count(DISTINCT p) AS shared
  MERGE (r)-[out:COAUTHOR]->(c)
  SET out.shared = shared
}
RETURN count(r) AS researchers
