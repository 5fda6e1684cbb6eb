// Writes topics. In: $rows [{id, props}]. Out: written, created.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
WITH t, row, t.name IS NULL AS created
SET t += row.props
RETURN count(*) AS written, sum(toInteger(created)) AS created
