// How many papers are about each topic. In: $keys [topic id]. Out: key, count.
UNWIND $keys AS key
MATCH (t:Topic {id: key})
RETURN key, COUNT { (:Paper)-[:ABOUT]->(t) } AS count
