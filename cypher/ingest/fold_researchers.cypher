// Folds researchers whose OpenAlex id was merged into another: relationships move to the
// surviving node (made from the old one's properties if missing), the old node goes.
// In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
MATCH (old:Researcher {id: pair.old})
MERGE (new:Researcher {id: pair.new})
  ON CREATE SET new += properties(old), new.id = pair.new
WITH old, new
CALL (old, new) {
  MATCH (old)-[r:AUTHORED]->(p:Paper)
  MERGE (new)-[moved:AUTHORED]->(p)
  SET moved.position = coalesce(moved.position, r.position)
}
CALL (old, new) {
  MATCH (old)-[r:AFFILIATED_WITH]->(i:Institution)
  MERGE (new)-[moved:AFFILIATED_WITH]->(i)
  SET moved.current = coalesce(moved.current, r.current),
      moved.since = CASE WHEN moved.since IS NULL OR r.since < moved.since THEN r.since ELSE moved.since END,
      moved.until = CASE WHEN moved.until IS NULL OR r.until > moved.until THEN r.until ELSE moved.until END
}
CALL (old, new) {
  MATCH (u:User)-[r:FOLLOWS]->(old)
  MERGE (u)-[moved:FOLLOWS]->(new)
  ON CREATE SET moved.at = r.at
}
DETACH DELETE old
RETURN count(*) AS folded
