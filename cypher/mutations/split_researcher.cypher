// Checks a split of works out of record $id, into $into (an existing live record) or, when
// $into is null, into a new record $newId named like the source; locks both records first.
// The authorships move next, in the same transaction (move_authorships), then COAUTHOR.
// In: $viewerId, $viewerHandle, $id, $works [paper id], $into (id | null), $newId, $curator.
// Out: status (OK | NOT_FOUND | ABSORBED | SAME | NOT_AUTHORED | CLAIM_CONFLICT | FORBIDDEN |
// ID_TAKEN: a node of any kind has the id $newId; ids are unique across kinds),
// target (id of the record the works go to), missing [paper id the source did not author].
MERGE (u:User {id: $viewerId})
SET u.handle = $viewerHandle
WITH u
CALL (u) {
  UNWIND [rid IN CASE WHEN $into < $id THEN [$into, $id] ELSE [$id, $into] END
          WHERE rid IS NOT NULL] AS rid
  OPTIONAL MATCH (r:Researcher {id: rid})
  OPTIONAL MATCH (m:Merged {id: rid})
  WITH coalesce(r, m) AS n
  WHERE n IS NOT NULL
  SET n._lock = true
  REMOVE n._lock
  RETURN count(n) AS locked
}
OPTIONAL MATCH (r:Researcher {id: $id})
OPTIONAL MATCH (t:Researcher {id: $into})
OPTIONAL MATCH (rm:Merged {id: $id})
OPTIONAL MATCH (tm:Merged {id: $into})
OPTIONAL MATCH (cr:User)-[:CLAIMED]->(r)
OPTIONAL MATCH (ct:User)-[:CLAIMED]->(t)
WITH u, r, t, rm, tm, cr, ct,
     [w IN $works WHERE r IS NULL OR NOT EXISTS { (r)-[:AUTHORED]->(:Paper {id: w}) }] AS missing
WITH u, r, missing,
     CASE
       WHEN $id = $into THEN 'SAME'
       WHEN rm IS NOT NULL OR tm IS NOT NULL THEN 'ABSORBED'
       WHEN r IS NULL OR ($into IS NOT NULL AND t IS NULL) THEN 'NOT_FOUND'
       WHEN size(missing) > 0 THEN 'NOT_AUTHORED'
       WHEN cr IS NOT NULL AND ct IS NOT NULL AND cr <> ct THEN 'CLAIM_CONFLICT'
       WHEN NOT $curator AND NOT (cr IS NOT NULL AND cr = u AND (ct IS NULL OR ct = u))
         THEN 'FORBIDDEN'
       WHEN $into IS NULL AND (EXISTS { (:Researcher {id: $newId}) }
                               OR EXISTS { (:Merged {id: $newId}) }
                               OR EXISTS { (:Paper {id: $newId}) }
                               OR EXISTS { (:Topic {id: $newId}) }
                               OR EXISTS { (:Institution {id: $newId}) })
         THEN 'ID_TAKEN'
       ELSE 'OK'
     END AS status
CALL (r, status) {
  WITH r WHERE status = 'OK' AND $into IS NULL
  CREATE (:Researcher {
    id: $newId, name: r.name, nameVariants: r.nameVariants, nameKey: r.nameKey,
    nameKeyAlt: r.nameKeyAlt, nameKeyHead: r.nameKeyHead, nameKeyTail: r.nameKeyTail,
    nameKeyNear: r.nameKeyNear, nameKeyVersion: r.nameKeyVersion,
    openToCollaborate: false, splitFrom: r.id
  })
}
RETURN status, coalesce($into, $newId) AS target, missing
