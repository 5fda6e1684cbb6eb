// Writes researchers: each row's `set` holds the properties that change (the writer compared
// versions: see bzpeer_graphql/ingest/versions.py). A row with `affiliations` (an OpenAlex
// author's own, newer than the stored ones) replaces the affiliations of author records and
// those read off works. In: $rows [{id, set, affiliations: [{institution, current, since,
// until}] | null}], each id once. Out: nothing.
UNWIND $rows AS row
MERGE (r:Researcher {id: row.id})
SET r += row.set
WITH r, row WHERE row.affiliations IS NOT NULL
CALL (r) {
  OPTIONAL MATCH (r)-[old:AFFILIATED_WITH]->(:Institution)
  WHERE old.origin IN ['author', 'works']
  DELETE old
}
UNWIND row.affiliations AS affiliation
MERGE (i:Institution {id: affiliation.institution})
CREATE (r)-[a:AFFILIATED_WITH {origin: 'author'}]->(i)
SET a.current = affiliation.current, a.since = affiliation.since, a.until = affiliation.until
