// Researchers whose blocking keys are missing (loaded before keys existed, or stubs named since)
// or computed by another version of the rules, a batch at a time in id order.
// In: $after (id, '' to start), $version, $limit. Out: id, name.
MATCH (r:Researcher)
WHERE r.id > $after AND r.name IS NOT NULL
  AND (r.nameKey IS NULL OR r.nameKeyVersion IS NULL OR r.nameKeyVersion <> $version)
RETURN r.id AS id, r.name AS name
ORDER BY r.id
LIMIT $limit
