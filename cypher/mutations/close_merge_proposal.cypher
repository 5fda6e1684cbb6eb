// Closes an open merge proposal as $decision (ACCEPTED | REJECTED); the proposal is locked
// first. Rejecting needs a curator or the claimant of one of the two records; accepting runs the
// merge in the same transaction, with the merge's own rules.
// In: $viewerId, $viewerHandle, $proposal, $decision, $curator.
// Out: status (OK | NOT_FOUND | CLOSED | FORBIDDEN), into, from.
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (p:MergeProposal {id: $proposal})
FOREACH (x IN CASE WHEN p IS NULL THEN [] ELSE [p] END | SET x._lock = true REMOVE x._lock)
WITH u, p
OPTIONAL MATCH (p)-[:PROPOSES]->(:Researcher)<-[c:CLAIMED]-(u)
WITH u, p, count(c) > 0 AS claimant
WITH u, p,
     CASE
       WHEN p IS NULL THEN 'NOT_FOUND'
       WHEN p.status <> 'OPEN' THEN 'CLOSED'
       WHEN $decision = 'REJECTED' AND NOT $curator AND NOT claimant THEN 'FORBIDDEN'
       ELSE 'OK'
     END AS status
FOREACH (x IN CASE WHEN status = 'OK' THEN [p] ELSE [] END |
  SET x.status = $decision, x.closedAt = datetime(), x.closedBy = u.id)
RETURN status, p.into AS into, p.from AS from
