// The topics of papers, best score first. In: $keys [paper id]. Out: key, node, score.
UNWIND $keys AS key
MATCH (p:Paper {id: key})-[a:ABOUT]->(t:Topic)
WITH key, t, a ORDER BY a.score DESC, t.name, t.id
RETURN key, t {.*} AS node, a.score AS score
