// Anyone signed in proposes that $from and $into are one person; a claimant or a curator
// accepts or rejects it later (close_merge_proposal).
// In: $viewerId, $viewerHandle, $proposal (new id), $into, $from, $note.
// Out: status (OK | SAME | NOT_FOUND | ABSORBED).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (a:Researcher {id: $into})
OPTIONAL MATCH (b:Researcher {id: $from})
WITH u, a, b,
     CASE
       WHEN $into = $from THEN 'SAME'
       WHEN a IS NOT NULL AND b IS NOT NULL THEN 'OK'
       WHEN EXISTS { (:Merged {id: $into}) } OR EXISTS { (:Merged {id: $from}) } THEN 'ABSORBED'
       ELSE 'NOT_FOUND'
     END AS status
CALL (u, a, b, status) {
  WITH u, a, b WHERE status = 'OK'
  CREATE (p:MergeProposal {
    id: $proposal, into: $into, from: $from, note: $note, status: 'OPEN', at: datetime(),
    byId: u.id, byHandle: u.handle
  })
  CREATE (p)-[:PROPOSES]->(a)
  CREATE (p)-[:PROPOSES]->(b)
}
RETURN status
