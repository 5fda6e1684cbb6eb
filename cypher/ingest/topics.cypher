// Writes topics, newest version first (full and partial rows as in researchers.cypher).
// In: $rows [{id, partial, updatedDate, props}], each (id, partial) once.
// Out, per row: created, replaced.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
WITH t, row, t.name IS NULL AND t.seenDate IS NULL AND t.updatedDate IS NULL AS created,
     CASE WHEN row.partial THEN t.seenDate IS NULL OR row.updatedDate >= t.seenDate
       ELSE row.updatedDate IS NULL OR t.updatedDate IS NULL OR row.updatedDate >= t.updatedDate
     END AS newer
WITH t, row, created, newer, newer AND (NOT row.partial OR t.updatedDate IS NULL) AS replaced
SET t.seenDate = CASE WHEN row.partial AND newer THEN row.updatedDate ELSE t.seenDate END,
    t.updatedDate = CASE WHEN NOT row.partial AND newer THEN row.updatedDate ELSE t.updatedDate END
FOREACH (_ IN CASE WHEN replaced THEN [1] ELSE [] END | SET t += row.props)
RETURN created, replaced
