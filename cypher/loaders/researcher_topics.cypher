// A researcher's topics, weighted by the summed topic scores of their works.
// In: $keys [researcher id]. Out: key, node, works (how many of their works), weight.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})-[:AUTHORED]->(p:Paper)-[a:ABOUT]->(t:Topic)
WITH key, t, count(DISTINCT p) AS works, sum(a.score) AS weight
ORDER BY weight DESC, t.name, t.id
RETURN key, t {.*} AS node, works, weight
