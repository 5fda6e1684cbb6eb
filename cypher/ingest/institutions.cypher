// Writes institutions: each row's `set` holds the properties that change (the writer compared
// versions: see bzpeer_graphql/ingest/versions.py). In: $rows [{id, set}], each id once.
// Out: nothing.
UNWIND $rows AS row
MERGE (i:Institution {id: row.id})
SET i += row.set
