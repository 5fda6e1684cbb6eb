// Writes institutions. In: $rows [{id, props}]. Out: written, created.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
WITH i, row, i.name IS NULL AS created
SET i += row.props
RETURN count(*) AS written, sum(toInteger(created)) AS created
