// Some records whose candidate pairs wait to be scored again. In: $limit. Out: id.
MATCH (r:DuplicatesStale)
RETURN r.id AS id
ORDER BY id
LIMIT $limit
