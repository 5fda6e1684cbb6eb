// The viewer invites the claimant of an author record to collaborate. The viewer's node is
// write-locked first (SET), so the rate limits hold under concurrent calls.
// In: $viewerId, $viewerHandle, $id, $message (trimmed), $perDay.
// Out: status (OK | NOT_FOUND | NOT_CLAIMED | SELF | NOT_OPEN_TO_COLLABORATE | PAIR_LIMIT |
// DAY_LIMIT), retryAfter (seconds until the limit hit lets up, or null), sentAt (when OK),
// claimant (the id of the user who claims the record, or null).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u, datetime() AS now
OPTIONAL MATCH (r:Researcher {id: $id})
OPTIONAL MATCH (claimant:User)-[:CLAIMED]->(r)
WITH u, now, r, claimant
OPTIONAL MATCH (u)-[pair:INVITED]->(r)
WHERE pair.at > now - duration('PT24H')
WITH u, now, r, claimant, max(pair.at) AS lastToPair
OPTIONAL MATCH (u)-[sent:INVITED]->(:Researcher)
WHERE sent.at > now - duration('PT24H')
WITH u, now, r, claimant, lastToPair, count(sent) AS sentToday, min(sent.at) AS oldestToday
WITH u, now, r, claimant, lastToPair, oldestToday,
     CASE
       WHEN r IS NULL THEN 'NOT_FOUND'
       WHEN claimant IS NULL THEN 'NOT_CLAIMED'
       WHEN claimant = u THEN 'SELF'
       WHEN NOT coalesce(r.openToCollaborate, false) THEN 'NOT_OPEN_TO_COLLABORATE'
       WHEN lastToPair IS NOT NULL THEN 'PAIR_LIMIT'
       WHEN sentToday >= $perDay THEN 'DAY_LIMIT'
       ELSE 'OK'
     END AS status
FOREACH (_ IN CASE WHEN status = 'OK' THEN [1] ELSE [] END |
  CREATE (u)-[:INVITED {at: now, message: $message}]->(r)
)
RETURN status,
       CASE status
         WHEN 'PAIR_LIMIT' THEN duration.inSeconds(now, lastToPair + duration('PT24H')).seconds
         WHEN 'DAY_LIMIT' THEN duration.inSeconds(now, oldestToday + duration('PT24H')).seconds
       END AS retryAfter,
       CASE WHEN status = 'OK' THEN now END AS sentAt,
       claimant.id AS claimant
