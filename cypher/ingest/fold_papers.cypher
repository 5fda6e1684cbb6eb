// Folds papers whose OpenAlex id was merged into another: authorships, topics and citations
// move to the surviving node (made from the old one's properties if missing), the old node goes.
// In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
MATCH (old:Paper {id: pair.old})
MERGE (new:Paper {id: pair.new})
  ON CREATE SET new += properties(old), new.id = pair.new
WITH old, new
CALL (old, new) {
  MATCH (r:Researcher)-[a:AUTHORED]->(old)
  MERGE (r)-[moved:AUTHORED]->(new)
  SET moved.position = coalesce(moved.position, a.position)
}
CALL (old, new) {
  MATCH (old)-[a:ABOUT]->(t:Topic)
  MERGE (new)-[moved:ABOUT]->(t)
  SET moved.score = coalesce(moved.score, a.score)
}
CALL (old, new) {
  MATCH (old)-[:CITES]->(cited:Paper) WHERE cited <> new
  MERGE (new)-[:CITES]->(cited)
}
CALL (old, new) {
  MATCH (citing:Paper)-[:CITES]->(old) WHERE citing <> new
  MERGE (citing)-[:CITES]->(new)
}
DETACH DELETE old
RETURN count(*) AS folded
