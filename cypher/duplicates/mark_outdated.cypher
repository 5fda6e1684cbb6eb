// Marks for scoring again every record whose pairs were scored by other rules, or never (a graph
// loaded before pairs were kept): its `duplicatesScored` is not the rules' version.
// In: $version. Out: marked.
MATCH (r:Researcher)
WHERE r.duplicatesScored IS NULL OR r.duplicatesScored <> $version
SET r:DuplicatesStale
RETURN count(r) AS marked
