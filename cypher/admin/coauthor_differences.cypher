// Where COAUTHOR disagrees with the papers: a pair whose shared works differ from its COAUTHOR
// `shared` (missing, duplicated or wrong), or a COAUTHOR without a paper in common.
// In: $limit. Out: differences (how many), shown [{node, other, papers, recorded}]
// (the first $limit by ids; `recorded` lists the `shared` of each COAUTHOR from node to
// other, so [] is a missing one; node and other are researcher ids).
CALL () {
  MATCH (r:Researcher)
  CALL (r) {
    MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
    WHERE c <> r
    WITH c, count(DISTINCT p) AS papers
    WITH c, papers, COLLECT { MATCH (r)-[k:COAUTHOR]->(c) RETURN k.shared } AS recorded
    WHERE recorded <> [papers]
    RETURN c, papers, recorded
    UNION
    MATCH (r)-[k:COAUTHOR]->(c)
    WHERE c = r OR NOT EXISTS { (r)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c) }
    RETURN c, 0 AS papers, COLLECT { MATCH (r)-[x:COAUTHOR]->(c) RETURN x.shared } AS recorded
  }
  RETURN r.id AS node, c.id AS other, papers, recorded
  ORDER BY node, other
}
WITH collect({node: node, other: other, papers: papers, recorded: recorded}) AS found
RETURN size(found) AS differences, found[0..$limit] AS shown
