// Topics that share papers with a topic, most shared papers first.
// In: $keys [{id, first}]. Out: key, node, sharedPapers.
UNWIND $keys AS key
MATCH (t:Topic {id: key.id})<-[:ABOUT]-(p:Paper)-[:ABOUT]->(other:Topic)
WHERE other <> t
WITH key, other, count(DISTINCT p) AS shared
ORDER BY shared DESC, other.name, other.id
WITH key, collect({node: other {.*}, sharedPapers: shared})[0..key.first] AS related
UNWIND related AS item
RETURN key, item.node AS node, item.sharedPapers AS sharedPapers
