// Writes affiliations of the bzpeer format. One relationship per stint: a researcher, an
// institution and its years (`since` and `until`, either may be null), so two stints that begin
// in one year stay two; a stint seen again gets the row's `current`. In: $rows [{researcher,
// institution, current, since, until}], each stint once. Out, per row: created, replaced.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.researcher})
MERGE (i:Institution {id: row.institution})
WITH r, i, row
OPTIONAL MATCH (r)-[old:AFFILIATED_WITH]->(i)
WHERE old.origin IS NULL
  AND (old.since = row.since OR (old.since IS NULL AND row.since IS NULL))
  AND (old.until = row.until OR (old.until IS NULL AND row.until IS NULL))
WITH r, i, row, head(collect(old)) AS found
FOREACH (_ IN CASE WHEN found IS NULL THEN [1] ELSE [] END |
  CREATE (r)-[:AFFILIATED_WITH {current: row.current, since: row.since, until: row.until}]->(i))
FOREACH (a IN CASE WHEN found IS NULL THEN [] ELSE [found] END |
  SET a.current = row.current)
RETURN found IS NULL AS created, true AS replaced
