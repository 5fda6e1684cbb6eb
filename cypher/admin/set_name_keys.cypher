// Sets the blocking keys computed in Python (bzpeer_graphql/names.py).
// In: $rows [{id, nameKey, nameKeyAlt}]. Out: updated.
UNWIND $rows AS row
MATCH (r:Researcher {id: row.id})
SET r.nameKey = row.nameKey, r.nameKeyAlt = row.nameKeyAlt
RETURN count(r) AS updated
