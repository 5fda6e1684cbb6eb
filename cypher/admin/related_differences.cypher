// Where RELATED disagrees with the papers: two topics whose papers in common differ from their
// RELATED `shared` (missing, duplicated or wrong), or a RELATED without a paper in common.
// In: $limit. Out: differences (how many), shown [{node, other, papers, recorded}] (topic ids,
// the first $limit by ids; `recorded` lists the `shared` of each RELATED from node to other,
// so [] is a missing one).
CALL () {
  MATCH (t:Topic)
  CALL (t) {
    MATCH (t)<-[:ABOUT]-(p:Paper)-[:ABOUT]->(u:Topic)
    WHERE u <> t
    WITH u, count(DISTINCT p) AS papers
    WITH u, papers, COLLECT { MATCH (t)-[k:RELATED]->(u) RETURN k.shared } AS recorded
    WHERE recorded <> [papers]
    RETURN u, papers, recorded
    UNION
    MATCH (t)-[k:RELATED]->(u)
    WHERE u = t OR NOT EXISTS { (t)<-[:ABOUT]-(:Paper)-[:ABOUT]->(u) }
    RETURN u, 0 AS papers, COLLECT { MATCH (t)-[x:RELATED]->(u) RETURN x.shared } AS recorded
  }
  RETURN t.id AS node, u.id AS other, papers, recorded
  ORDER BY node, other
}
WITH collect({node: node, other: other, papers: papers, recorded: recorded}) AS found
RETURN size(found) AS differences, found[0..$limit] AS shown
