// Writes researchers, newest version first. A full row (a record of the researcher itself)
// replaces the properties unless the stored `updatedDate` is newer, and with `affiliations`
// replaces the affiliations it brings (an OpenAlex author's). A partial row (what a work says
// about its author) only keeps the newest `seenDate`, and sets its few properties only on
// researchers no full row with a date has written.
// In: $rows [{id, partial, updatedDate, props, affiliations: [{institution, current, since,
// until}] | null}], each (id, partial) once. Out, per row: created, replaced.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.id})
WITH r, row, r.name IS NULL AND r.seenDate IS NULL AND r.updatedDate IS NULL AS created,
     CASE WHEN row.partial THEN r.seenDate IS NULL OR row.updatedDate >= r.seenDate
       ELSE row.updatedDate IS NULL OR r.updatedDate IS NULL OR row.updatedDate >= r.updatedDate
     END AS newer
WITH r, row, created, newer, newer AND (NOT row.partial OR r.updatedDate IS NULL) AS replaced
SET r.seenDate = CASE WHEN row.partial AND newer THEN row.updatedDate ELSE r.seenDate END,
    r.updatedDate = CASE WHEN NOT row.partial AND newer THEN row.updatedDate ELSE r.updatedDate END
FOREACH (_ IN CASE WHEN replaced THEN [1] ELSE [] END | SET r += row.props)
WITH r, row, created, replaced
CALL (r, row, replaced) {
  WITH r, row WHERE replaced AND row.affiliations IS NOT NULL
  CALL (r) {
    OPTIONAL MATCH (r)-[old:AFFILIATED_WITH]->(:Institution)
    WHERE old.origin IN ['author', 'works']
    DELETE old
  }
  UNWIND row.affiliations AS affiliation
  MERGE (i:Institution {id: affiliation.institution})
  CREATE (r)-[a:AFFILIATED_WITH {origin: 'author'}]->(i)
  SET a.current = affiliation.current, a.since = affiliation.since, a.until = affiliation.until
}
RETURN created, replaced
