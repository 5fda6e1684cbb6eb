// The authors of papers in author order. In: $keys [paper id], $props, $authorship.
// Out: key, node, position, authorship (with $authorship, the AUTHORED properties:
// institutions, rawAffiliations, corresponding, when the source gave them; else null).
// With $props null, node is every property as a map; else the values of $props, in order.
UNWIND $keys AS key
MATCH (p:Paper {id: key})<-[a:AUTHORED]-(r:Researcher)
WITH key, r, a ORDER BY a.position, r.id
RETURN key, CASE WHEN $props IS NULL THEN properties(r) ELSE [k IN $props | r[k]] END AS node,
  a.position AS position, CASE WHEN $authorship THEN a {.*} END AS authorship
