// Absorbs researcher record $from into $into: followers, claims, invitations and affiliations
// move (each moved relationship remembers its origin: `from`, and the stack `origins`; one the
// survivor already has stays, noting the absorbed id in `alsoBy`), the absorbed record loses its
// COAUTHOR and WORKS_ON, becomes :Merged (not :Researcher) and points at the survivor; an undo
// that kept the two apart (`keptApart`) is forgotten. Authorships move next, in the same
// transaction (move_authorships), then COAUTHOR and WORKS_ON are recomputed (identity.recount).
// Both records are locked first (in id order), so racing merges run one after the other.
// In: $viewerId, $viewerHandle, $into, $from, $curator (the viewer's token has the role).
// Out: status (OK | DONE | SAME | NOT_FOUND | ABSORBED | CLAIM_CONFLICT | FORBIDDEN), absorbed.
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
CALL (u) {
  UNWIND CASE WHEN $into < $from THEN [$into, $from] ELSE [$from, $into] END AS rid
  OPTIONAL MATCH (r:Researcher {id: rid})
  OPTIONAL MATCH (m:Merged {id: rid})
  WITH coalesce(r, m) AS n
  WHERE n IS NOT NULL
  SET n._lock = true
  REMOVE n._lock
  RETURN count(n) AS locked
}
OPTIONAL MATCH (a:Researcher {id: $into})
OPTIONAL MATCH (b:Researcher {id: $from})
OPTIONAL MATCH (am:Merged {id: $into})
OPTIONAL MATCH (bm:Merged {id: $from})
OPTIONAL MATCH (ca:User)-[:CLAIMED]->(a)
OPTIONAL MATCH (cb:User)-[:CLAIMED]->(b)
WITH u, a, b, ca, cb, am, bm,
     CASE WHEN bm IS NULL OR a IS NULL THEN false
          ELSE EXISTS { (bm)-[:MERGED_INTO*1..20]->(a) } END AS done
WITH u, a, b,
     CASE
       WHEN $into = $from THEN 'SAME'
       WHEN done THEN 'DONE'
       WHEN am IS NOT NULL OR bm IS NOT NULL THEN 'ABSORBED'
       WHEN a IS NULL OR b IS NULL THEN 'NOT_FOUND'
       WHEN ca IS NOT NULL AND cb IS NOT NULL AND ca <> cb THEN 'CLAIM_CONFLICT'
       WHEN NOT $curator AND NOT (ca IS NOT NULL AND ca = u AND (cb IS NULL OR cb = u))
         THEN 'FORBIDDEN'
       ELSE 'OK'
     END AS status,
     CASE WHEN am IS NOT NULL THEN $into WHEN bm IS NOT NULL THEN $from END AS absorbed
CALL (a, b, status) {
  WITH a, b WHERE status = 'OK'
  MATCH (f:User)-[x:FOLLOWS]->(b)
  OPTIONAL MATCH (f)-[y:FOLLOWS]->(a)
  FOREACH (_ IN CASE WHEN y IS NULL THEN [1] ELSE [] END |
    CREATE (f)-[n:FOLLOWS]->(a)
    SET n = properties(x), n.origins = coalesce(x.origins, []) + [b.id], n.from = b.id)
  FOREACH (_ IN CASE WHEN y IS NULL THEN [] ELSE [1] END |
    SET y.alsoBy = coalesce(y.alsoBy, []) + [b.id])
  DELETE x
}
CALL (a, b, status) {
  WITH a, b WHERE status = 'OK'
  MATCH (c:User)-[x:CLAIMED]->(b)
  OPTIONAL MATCH (c)-[y:CLAIMED]->(a)
  FOREACH (_ IN CASE WHEN y IS NULL THEN [1] ELSE [] END |
    CREATE (c)-[n:CLAIMED]->(a)
    SET n = properties(x), n.origins = coalesce(x.origins, []) + [b.id], n.from = b.id)
  FOREACH (_ IN CASE WHEN y IS NULL THEN [] ELSE [1] END |
    SET y.alsoBy = coalesce(y.alsoBy, []) + [b.id])
  DELETE x
}
CALL (a, b, status) {
  WITH a, b WHERE status = 'OK'
  MATCH (s:User)-[x:INVITED]->(b)
  CREATE (s)-[n:INVITED]->(a)
  SET n = properties(x), n.origins = coalesce(x.origins, []) + [b.id], n.from = b.id
  DELETE x
}
CALL (a, b, status) {
  WITH a, b WHERE status = 'OK'
  MATCH (b)-[x:AFFILIATED_WITH]->(i:Institution)
  OPTIONAL MATCH (a)-[y:AFFILIATED_WITH]->(i)
  FOREACH (_ IN CASE WHEN y IS NULL THEN [1] ELSE [] END |
    CREATE (a)-[n:AFFILIATED_WITH]->(i)
    SET n = properties(x), n.origins = coalesce(x.origins, []) + [b.id], n.from = b.id)
  FOREACH (_ IN CASE WHEN y IS NULL THEN [] ELSE [1] END |
    SET y.alsoBy = coalesce(y.alsoBy, []) + [b.id])
  DELETE x
}
CALL (a, b, status, u) {
  WITH a, b, u WHERE status = 'OK'
  OPTIONAL MATCH (b)-[k:COAUTHOR|WORKS_ON]-(other)
  DELETE k
  FOREACH (t IN CASE WHEN other:Topic THEN [other] ELSE [] END | {{ unrank(t) }})
  WITH DISTINCT a, b, u
  REMOVE b:Researcher
  SET b:Merged, b.mergedInto = a.id, b.mergedAt = datetime(),
      b.keptApart = CASE WHEN b.keptApart IS NULL THEN null
                         ELSE [x IN b.keptApart WHERE x <> a.id] END,
      a.keptApart = CASE WHEN a.keptApart IS NULL THEN null
                         ELSE [x IN a.keptApart WHERE x <> b.id] END
  CREATE (b)-[:MERGED_INTO {at: datetime(), by: u.id}]->(a)
}
RETURN status, absorbed
