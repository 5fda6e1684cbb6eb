// Folds topics whose OpenAlex id was merged into another: papers' ABOUT links move to the
// surviving node (made from the old one's properties if missing), the old node goes.
// In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
MATCH (old:Topic {id: pair.old})
// the old node goes: its id first, so that a surviving id not yet in the graph can take the rest
// of its properties (copied with it, the id would clash with it until it is deleted)
REMOVE old.id
MERGE (new:Topic {id: pair.new})
  ON CREATE SET new += properties(old)
WITH old, new
CALL (old, new) {
  MATCH (p:Paper)-[a:ABOUT]->(old)
  MERGE (p)-[moved:ABOUT]->(new)
  SET moved.score = coalesce(moved.score, a.score)
}
{{ unrank(new) }}
DETACH DELETE old
RETURN count(*) AS folded
