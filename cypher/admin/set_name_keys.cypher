// Sets the blocking keys computed in Python (bzpeer_graphql/identity/names.py).
// In: $rows [{id, nameKey, nameKeyAlt, nameKeyHead, nameKeyTail, nameKeyNear, nameKeyVersion}].
// Out: updated.
UNWIND $rows AS row
MATCH (r:Researcher {id: row.id})
SET r.nameKey = row.nameKey, r.nameKeyAlt = row.nameKeyAlt, r.nameKeyHead = row.nameKeyHead,
    r.nameKeyTail = row.nameKeyTail, r.nameKeyNear = row.nameKeyNear,
    r.nameKeyVersion = row.nameKeyVersion
SET r:DuplicatesStale
RETURN count(r) AS updated
