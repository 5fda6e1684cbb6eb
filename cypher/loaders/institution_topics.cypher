// The topics an institution's researchers work on, weighted by summed topic scores of their works.
// In: $keys [{id, first}]. Out: key, node, works, weight.
UNWIND $keys AS key
MATCH (i:Institution {id: key.id})<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(p:Paper)
WITH DISTINCT key, p
MATCH (p)-[a:ABOUT]->(t:Topic)
WITH key, t, count(p) AS works, sum(a.score) AS weight
ORDER BY weight DESC, t.name, t.id
WITH key, collect({node: t {.*}, works: works, weight: weight})[0..key.first] AS topics
UNWIND topics AS item
RETURN key, item.node AS node, item.works AS works, item.weight AS weight
