// The live record an absorbed researcher id now resolves to (following merges in a chain).
// In: $keys [id]. Out: key, survivor (id) — no row when the id is not an absorbed record.
UNWIND $keys AS key
MATCH (:Merged {id: key})-[:MERGED_INTO*1..20]->(r:Researcher)
RETURN key, r.id AS survivor
