// How often papers are cited. In: $keys [paper id]. Out: key, count.
UNWIND $keys AS key
MATCH (p:Paper {id: key})
RETURN key, COUNT { (:Paper)-[:CITES]->(p) } AS count
