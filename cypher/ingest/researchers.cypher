// Writes researchers (a node first made as a paper's author stub counts as created).
// In: $rows [{id, props}]. Out: written, created.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.id})
WITH r, row, r.name IS NULL AS created
SET r += row.props
RETURN count(*) AS written, sum(toInteger(created)) AS created
