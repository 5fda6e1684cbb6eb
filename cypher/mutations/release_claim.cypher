// The claimant gives up their claim of an author record.
// In: $viewerId, $viewerHandle, $id. Out: status (OK | NOT_FOUND | NOT_CLAIMED | FORBIDDEN).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (r:Researcher {id: $id})
OPTIONAL MATCH (claimant:User)-[c:CLAIMED]->(r)
WITH r, count(c) AS claims, collect(CASE WHEN claimant = u THEN c END) AS mine
FOREACH (c IN mine | DELETE c)
RETURN CASE WHEN r IS NULL THEN 'NOT_FOUND' WHEN claims = 0 THEN 'NOT_CLAIMED'
            WHEN size(mine) = 0 THEN 'FORBIDDEN' ELSE 'OK' END AS status
