// Writes affiliations, widening since/until when one is seen again; `current` is replaced.
// In: $rows [{researcher, institution, current, since, until}]. Out: written, created.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.researcher})
MERGE (i:Institution {id: row.institution})
MERGE (r)-[a:AFFILIATED_WITH]->(i)
WITH a, row, a.current IS NULL AS created
SET a.current = row.current,
    a.since = CASE WHEN a.since IS NULL OR row.since < a.since THEN row.since ELSE a.since END,
    a.until = CASE WHEN a.until IS NULL OR row.until > a.until THEN row.until ELSE a.until END
RETURN count(*) AS written, sum(toInteger(created)) AS created
