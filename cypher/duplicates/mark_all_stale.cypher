// Marks every record for scoring again when the stored pairs were scored by other rules (or
// never): the version of the rules is kept on one :DuplicateScoring node.
// In: $version. Out: marked (0 when the stored pairs follow these rules).
MERGE (s:DuplicateScoring {name: 'duplicates'})
WITH s, coalesce(s.version, -1) <> $version AS outdated
SET s.version = $version
WITH outdated
CALL (outdated) {
  WITH outdated WHERE outdated
  MATCH (r:Researcher)
  SET r:DuplicatesStale
  RETURN count(r) AS marked
}
RETURN marked
