// The claimant edits their profile. In: $viewerId, $viewerHandle, $id, $setHeadline (bool),
// $headline (text or null), $openToCollaborate (bool, or null = unchanged).
// Out: status (OK | NOT_FOUND | FORBIDDEN).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (r:Researcher {id: $id})
OPTIONAL MATCH (u)-[mine:CLAIMED]->(r)
WITH r, mine IS NOT NULL AS claimant
FOREACH (_ IN CASE WHEN claimant THEN [1] ELSE [] END |
  SET r.headline = CASE WHEN $setHeadline THEN $headline ELSE r.headline END,
      r.openToCollaborate = coalesce($openToCollaborate, r.openToCollaborate)
)
RETURN CASE WHEN r IS NULL THEN 'NOT_FOUND' WHEN NOT claimant THEN 'FORBIDDEN' ELSE 'OK' END
       AS status
