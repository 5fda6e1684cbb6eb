// Some records whose candidate pairs wait to be scored again, one name block after another (so a
// batch finds most of its records' mates among its own records and reads their features once).
// In: $limit. Out: id.
MATCH (r:DuplicatesStale)
RETURN r.id AS id
ORDER BY r.nameKey, id
LIMIT $limit
