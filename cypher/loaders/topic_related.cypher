// Topics that share papers with a topic (RELATED, kept by the writer), most shared papers first.
// In: $keys [{id, first}]. Out: key, node, sharedPapers.
UNWIND $keys AS key
MATCH (:Topic {id: key.id})-[k:RELATED]->(other:Topic)
WITH key, other, k.shared AS shared
ORDER BY shared DESC, other.name, other.id
WITH key, collect({node: other {.*}, sharedPapers: shared})[0..key.first] AS related
UNWIND related AS item
RETURN key, item.node AS node, item.sharedPapers AS sharedPapers
