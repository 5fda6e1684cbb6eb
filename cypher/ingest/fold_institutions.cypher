// Folds institutions whose OpenAlex id was merged into another: affiliations (each stint as it
// was) move to the surviving node (made from the old one's properties if missing), the old node
// goes. In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
MATCH (old:Institution {id: pair.old})
// the old node goes: its id first, so that a surviving id not yet in the graph can take the rest
// of its properties (copied with it, the id would clash with it until it is deleted)
REMOVE old.id
MERGE (new:Institution {id: pair.new})
  ON CREATE SET new += properties(old)
WITH old, new
CALL (old, new) {
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(old)
  CREATE (r)-[moved:AFFILIATED_WITH]->(new)
  SET moved = properties(a)
}
DETACH DELETE old
RETURN count(*) AS folded
