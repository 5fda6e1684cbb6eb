// The viewer follows a researcher; running it again changes nothing.
// In: $viewerId, $viewerHandle, $id (researcher). Out: status (OK | NOT_FOUND).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (r:Researcher {id: $id})
// MERGE between two bound nodes locks both, so concurrent follows never make a second FOLLOWS
FOREACH (_ IN CASE WHEN r IS NULL THEN [] ELSE [1] END |
  MERGE (u)-[f:FOLLOWS]->(r)
  ON CREATE SET f.at = datetime()
)
RETURN CASE WHEN r IS NULL THEN 'NOT_FOUND' ELSE 'OK' END AS status
