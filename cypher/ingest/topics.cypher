// Writes topics: each row's `set` holds the properties that change (the writer compared
// versions: see bzpeer_graphql/ingest/versions.py). In: $rows [{id, set}], each id once.
// Out: nothing.
UNWIND $rows AS row
MERGE (t:Topic {id: row.id})
SET t += row.set
