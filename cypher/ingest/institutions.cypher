// Writes institutions, newest version first (full and partial rows as in researchers.cypher).
// In: $rows [{id, partial, updatedDate, props}], each (id, partial) once.
// Out, per row: created, replaced.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
WITH i, row, i.name IS NULL AND i.seenDate IS NULL AND i.updatedDate IS NULL AS created,
     CASE WHEN row.partial THEN i.seenDate IS NULL OR row.updatedDate >= i.seenDate
       ELSE row.updatedDate IS NULL OR i.updatedDate IS NULL OR row.updatedDate >= i.updatedDate
     END AS newer
WITH i, row, created, newer, newer AND (NOT row.partial OR i.updatedDate IS NULL) AS replaced
SET i.seenDate = CASE WHEN row.partial AND newer THEN row.updatedDate ELSE i.seenDate END,
    i.updatedDate = CASE WHEN NOT row.partial AND newer THEN row.updatedDate ELSE i.updatedDate END
FOREACH (_ IN CASE WHEN replaced THEN [1] ELSE [] END | SET i += row.props)
RETURN created, replaced
