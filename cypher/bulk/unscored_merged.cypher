// After the merges of a bulk build: the absorbed records keep no note of scored pairs, as in a
// load that merges them before any pair is scored (the import noted it on every researcher).
// In: nothing. Out: cleared.
MATCH (m:Merged)
WHERE m.duplicatesScored IS NOT NULL
REMOVE m.duplicatesScored
RETURN count(m) AS cleared
