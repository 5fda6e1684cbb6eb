// Writes affiliations of the bzpeer format. One relationship per stint: a researcher, an
// institution and the year it began (`since`, which may be null); a stint seen again gets the
// row's `current` and `until`. In: $rows [{researcher, institution, current, since, until}],
// each stint once. Out, per row: created, replaced.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.researcher})
MERGE (i:Institution {id: row.institution})
WITH r, i, row
OPTIONAL MATCH (r)-[old:AFFILIATED_WITH]->(i)
WHERE old.origin IS NULL
  AND (old.since = row.since OR (old.since IS NULL AND row.since IS NULL))
WITH r, i, row, head(collect(old)) AS found
FOREACH (_ IN CASE WHEN found IS NULL THEN [1] ELSE [] END |
  CREATE (r)-[:AFFILIATED_WITH {current: row.current, since: row.since, until: row.until}]->(i))
FOREACH (a IN CASE WHEN found IS NULL THEN [] ELSE [found] END |
  SET a.current = row.current, a.until = row.until)
RETURN found IS NULL AS created, true AS replaced
