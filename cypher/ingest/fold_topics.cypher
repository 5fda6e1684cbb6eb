// Folds topics whose OpenAlex id was merged into another: papers' ABOUT links move to the
// surviving node (made from the old one's properties if missing), the old node goes.
// In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
MATCH (old:Topic {id: pair.old})
MERGE (new:Topic {id: pair.new})
  ON CREATE SET new += properties(old), new.id = pair.new
WITH old, new
CALL (old, new) {
  MATCH (p:Paper)-[a:ABOUT]->(old)
  MERGE (p)-[moved:ABOUT]->(new)
  SET moved.score = coalesce(moved.score, a.score)
}
DETACH DELETE old
RETURN count(*) AS folded
