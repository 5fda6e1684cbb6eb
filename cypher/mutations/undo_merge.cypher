// Undoes the merge that absorbed record $id: the followers, claims, invitations and affiliations
// it brought go back (those whose `from` is $id, their `origins` popped, and a copy of those that
// name it in `alsoBy`), and it becomes a live :Researcher again, noting the survivor in
// `keptApart` (an import does not merge the two again: see ingest/identity.py). Its authorships go back next,
// in the same transaction (move_authorships with $undo), then COAUTHOR is recomputed.
// In: $viewerId, $viewerHandle, $id, $curator.
// Out: status (OK | NOT_FOUND | NOT_MERGED | NOT_UNDOABLE | FORBIDDEN), survivor (id).
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
OPTIONAL MATCH (m0:Merged {id: $id})-[:MERGED_INTO]->(s0)
CALL (m0, s0) {
  UNWIND [n IN [m0, s0] WHERE n IS NOT NULL] AS n
  WITH n ORDER BY n.id
  SET n._lock = true
  REMOVE n._lock
  RETURN count(n) AS locked
}
OPTIONAL MATCH (m:Merged {id: $id})-[mi:MERGED_INTO]->(s)
OPTIONAL MATCH (live:Researcher {id: $id})
OPTIONAL MATCH (c:User)-[:CLAIMED]->(s)
WITH u, m, mi, s,
     CASE
       WHEN live IS NOT NULL THEN 'NOT_MERGED'
       WHEN m IS NULL THEN 'NOT_FOUND'
       WHEN s:Merged THEN 'NOT_UNDOABLE'
       WHEN NOT $curator AND NOT (c IS NOT NULL AND c = u) THEN 'FORBIDDEN'
       ELSE 'OK'
     END AS status
CALL (m, s, status) {
  WITH m, s WHERE status = 'OK'
  MATCH (f:User)-[x:FOLLOWS]->(s)
  WHERE x.from = m.id OR m.id IN coalesce(x.alsoBy, [])
  CREATE (f)-[n:FOLLOWS]->(m)
  SET n = properties(x), n.alsoBy = null,
      n.origins = CASE WHEN x.from = m.id AND size(x.origins) > 1 THEN x.origins[..-1] END
  SET n.from = n.origins[-1]
  FOREACH (_ IN CASE WHEN x.from = m.id THEN [] ELSE [1] END |
    SET x.alsoBy = [o IN x.alsoBy WHERE o <> m.id])
  FOREACH (_ IN CASE WHEN x.from = m.id THEN [1] ELSE [] END | DELETE x)
}
CALL (m, s, status) {
  WITH m, s WHERE status = 'OK'
  MATCH (c:User)-[x:CLAIMED]->(s)
  WHERE x.from = m.id OR m.id IN coalesce(x.alsoBy, [])
  CREATE (c)-[n:CLAIMED]->(m)
  SET n = properties(x), n.alsoBy = null,
      n.origins = CASE WHEN x.from = m.id AND size(x.origins) > 1 THEN x.origins[..-1] END
  SET n.from = n.origins[-1]
  FOREACH (_ IN CASE WHEN x.from = m.id THEN [] ELSE [1] END |
    SET x.alsoBy = [o IN x.alsoBy WHERE o <> m.id])
  FOREACH (_ IN CASE WHEN x.from = m.id THEN [1] ELSE [] END | DELETE x)
}
CALL (m, s, status) {
  WITH m, s WHERE status = 'OK'
  MATCH (v:User)-[x:INVITED]->(s)
  WHERE x.from = m.id
  CREATE (v)-[n:INVITED]->(m)
  SET n = properties(x), n.alsoBy = null,
      n.origins = CASE WHEN x.from = m.id AND size(x.origins) > 1 THEN x.origins[..-1] END
  SET n.from = n.origins[-1]
  DELETE x
}
CALL (m, s, status) {
  WITH m, s WHERE status = 'OK'
  MATCH (s)-[x:AFFILIATED_WITH]->(i:Institution)
  WHERE x.from = m.id OR m.id IN coalesce(x.alsoBy, [])
  CREATE (m)-[n:AFFILIATED_WITH]->(i)
  SET n = properties(x), n.alsoBy = null,
      n.origins = CASE WHEN x.from = m.id AND size(x.origins) > 1 THEN x.origins[..-1] END
  SET n.from = n.origins[-1]
  FOREACH (_ IN CASE WHEN x.from = m.id THEN [] ELSE [1] END |
    SET x.alsoBy = [o IN x.alsoBy WHERE o <> m.id])
  FOREACH (_ IN CASE WHEN x.from = m.id THEN [1] ELSE [] END | DELETE x)
}
CALL (m, mi, s, status) {
  WITH m, mi, s WHERE status = 'OK'
  DELETE mi
  REMOVE m:Merged, m.mergedInto, m.mergedAt
  SET m:Researcher,
      m.keptApart = [x IN coalesce(m.keptApart, []) WHERE x <> s.id] + [s.id]
}
RETURN status, s.id AS survivor
