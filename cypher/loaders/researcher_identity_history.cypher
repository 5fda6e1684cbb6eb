// Identity actions concerning a researcher or any record it absorbed, newest first.
// In: $keys [{id, first}]. Out: key (the id), events [all properties], at most `first`.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  OPTIONAL MATCH (r)<-[:MERGED_INTO*0..20]-(n)<-[:CONCERNS]-(e:IdentityEvent)
  WITH DISTINCT key, e
  ORDER BY e.at DESC, e.id DESC
  WITH key, [x IN collect(e {.*}) WHERE x IS NOT NULL] AS events
  RETURN events[..key.first] AS events
}
RETURN key.id AS key, events
