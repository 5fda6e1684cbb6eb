// Records one identity action (merge, split, undo, proposal) and links it to every record it
// concerns, live or absorbed, so each one's identityHistory shows it.
// In: $event (new id), $action, $viewerId, $viewerHandle, $curator, $before [id], $after [id],
// $works [paper id], $proposal (id | null), $concerns [researcher id]. Out: linked.
CREATE (e:IdentityEvent {
  id: $event, action: $action, at: datetime(), byId: $viewerId, byHandle: $viewerHandle,
  curator: $curator, before: $before, after: $after, works: $works, proposal: $proposal
})
WITH e
UNWIND $concerns AS rid
OPTIONAL MATCH (r:Researcher {id: rid})
OPTIONAL MATCH (m:Merged {id: rid})
WITH e, coalesce(r, m) AS n
WHERE n IS NOT NULL
MERGE (e)-[:CONCERNS]->(n)
RETURN count(n) AS linked
