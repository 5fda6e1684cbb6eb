// The topics of the works counting for an institution (`fragments/paper_credits`: the
// institutions printed on a paper, else its authors' stints covering its year), weighted by
// summed topic scores. In: $keys [{id, first}]. Out: key, node, works, weight.
UNWIND $keys AS key
MATCH (i:Institution {id: key.id})<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(p:Paper)
WITH DISTINCT key, p
WHERE {{ paper_credits(p, [key.id]) }}
MATCH (p)-[a:ABOUT]->(t:Topic)
WITH key, t, count(p) AS works, sum(a.score) AS weight
ORDER BY weight DESC, t.name, t.id
WITH key, collect({node: t {.*}, works: works, weight: weight})[0..key.first] AS topics
UNWIND topics AS item
RETURN key, item.node AS node, item.works AS works, item.weight AS weight
