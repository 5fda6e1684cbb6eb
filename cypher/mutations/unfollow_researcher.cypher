// The viewer stops following a researcher; running it again changes nothing.
// In: $viewerId, $viewerHandle, $id (researcher). Out: status (OK | NOT_FOUND).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (r:Researcher {id: $id})
OPTIONAL MATCH (u)-[f:FOLLOWS]->(r)
WITH r, collect(f) AS follows
FOREACH (f IN follows | DELETE f)
RETURN CASE WHEN r IS NULL THEN 'NOT_FOUND' ELSE 'OK' END AS status
