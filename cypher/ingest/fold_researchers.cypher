// Folds researchers whose OpenAlex id was merged into another: authorships, affiliations given
// by records and follows move to the surviving node (made from the old one's properties if
// missing), the old node goes; affiliations read off works are recomputed by the caller.
// In: $pairs [{old, new}]. Out: folded, touched (the surviving ids).
UNWIND $pairs AS pair
MATCH (old:Researcher {id: pair.old})
MERGE (new:Researcher {id: pair.new})
  ON CREATE SET new += properties(old), new.id = pair.new
WITH old, new
CALL (old, new) {
  MATCH (old)-[r:AUTHORED]->(p:Paper)
  MERGE (new)-[moved:AUTHORED]->(p)
  SET moved += properties(r)
}
CALL (old, new) {
  MATCH (old)-[r:AFFILIATED_WITH]->(i:Institution)
  WHERE r.origin IS NULL OR r.origin <> 'works'
  CREATE (new)-[moved:AFFILIATED_WITH]->(i)
  SET moved = properties(r)
}
CALL (old, new) {
  MATCH (u:User)-[r:FOLLOWS]->(old)
  MERGE (u)-[moved:FOLLOWS]->(new)
  ON CREATE SET moved.at = r.at
}
WITH old, new.id AS touched
DETACH DELETE old
RETURN count(*) AS folded, collect(DISTINCT touched) AS touched
