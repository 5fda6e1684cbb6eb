// After a bulk import, whose Parquet reader stores no empty string: sets the string properties
// named in `bulkBlank` to '' on up to $limit nodes marked :BlankStrings and on their AUTHORED
// relationships that name some, as the writer leaves them, and clears the marks.
// In: $limit. Out: done (nodes set).
MATCH (n:BlankStrings)
WITH n LIMIT $limit
CALL (n) {
  MATCH (n)<-[a:AUTHORED]-()
  WHERE a.bulkBlank IS NOT NULL
  FOREACH (key IN a.bulkBlank | SET a[key] = '')
  REMOVE a.bulkBlank
}
FOREACH (key IN coalesce(n.bulkBlank, []) | SET n[key] = '')
REMOVE n:BlankStrings, n.bulkBlank
RETURN count(n) AS done
