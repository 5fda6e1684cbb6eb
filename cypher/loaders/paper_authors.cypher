// The authors of papers in author order. In: $keys [paper id].
// Out: key, node, position, authorship (the AUTHORED properties: institutions, rawAffiliations,
// corresponding, when the source gave them).
UNWIND $keys AS key
MATCH (p:Paper {id: key})<-[a:AUTHORED]-(r:Researcher)
WITH key, r, a ORDER BY a.position, r.id
RETURN key, r {.*} AS node, a.position AS position, a {.*} AS authorship
