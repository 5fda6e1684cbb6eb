// Researchers loaded before blocking keys existed (or stubs named since), a batch at a time.
// In: $limit. Out: id, name.
MATCH (r:Researcher)
WHERE r.nameKey IS NULL AND r.name IS NOT NULL
RETURN r.id AS id, r.name AS name
LIMIT $limit
