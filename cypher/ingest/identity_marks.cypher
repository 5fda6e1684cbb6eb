// Whether the graph holds anything that sends a researcher id elsewhere (an absorbed record, a
// split mark); from the count store, so the writer skips the walk's queries in a graph without
// merges or splits. In: nothing. Out: marked (boolean).
CALL () { MATCH (m:Merged) RETURN count(m) AS merged }
CALL () { MATCH ()-[s:SPLIT_OUT]->() RETURN count(s) AS splits }
RETURN merged + splits > 0 AS marked
