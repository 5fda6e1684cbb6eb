// The ids of the records a researcher absorbed, directly or through records it absorbed.
// In: $keys [researcher id]. Out: key, ids (sorted).
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
OPTIONAL MATCH (r)<-[:MERGED_INTO*1..20]-(m:Merged)
WITH key, m.id AS id
ORDER BY id
RETURN key, [x IN collect(id) WHERE x IS NOT NULL] AS ids
