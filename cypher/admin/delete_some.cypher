// Deletes up to $limit nodes with their relationships (a benchmark empties its own database in
// steps). In: $limit. Out: deleted.
MATCH (n)
WITH n LIMIT $limit
DETACH DELETE n
RETURN count(*) AS deleted
