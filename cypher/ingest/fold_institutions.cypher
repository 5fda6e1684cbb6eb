// Folds institutions whose OpenAlex id was merged into another: affiliations move to the
// surviving node (made from the old one's properties if missing), the old node goes.
// In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
MATCH (old:Institution {id: pair.old})
MERGE (new:Institution {id: pair.new})
  ON CREATE SET new += properties(old), new.id = pair.new
WITH old, new
CALL (old, new) {
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(old)
  MERGE (r)-[moved:AFFILIATED_WITH]->(new)
  SET moved.current = coalesce(moved.current, a.current),
      moved.since = CASE WHEN moved.since IS NULL OR a.since < moved.since THEN a.since ELSE moved.since END,
      moved.until = CASE WHEN moved.until IS NULL OR a.until > moved.until THEN a.until ELSE moved.until END
}
DETACH DELETE old
RETURN count(*) AS folded
