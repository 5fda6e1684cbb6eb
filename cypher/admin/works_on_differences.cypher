// Where WORKS_ON disagrees with the papers: a researcher and topic whose summed ABOUT scores
// over the researcher's works (rounded to 9 decimals, as the writer keeps them) differ from
// their WORKS_ON `score` (missing, duplicated, or off by more than 1e-9 of the sum), or a
// WORKS_ON without such a work.
// In: $limit. Out: differences (how many), shown [{node, other, papers, recorded}] (researcher
// and topic ids, the first $limit by ids; `papers` is the summed score, `recorded` lists the
// `score` of each WORKS_ON from node to other, so [] is a missing one).
CALL () {
  MATCH (r:Researcher)
  CALL (r) {
    MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic)
    WITH t, round(sum(a.score), 9) AS papers
    WITH t, papers, COLLECT { MATCH (r)-[k:WORKS_ON]->(t) RETURN k.score } AS recorded
    WHERE size(recorded) <> 1 OR abs(recorded[0] - papers) > 1e-9 * (1 + abs(papers))
    RETURN t, papers, recorded
    UNION
    MATCH (r)-[k:WORKS_ON]->(t)
    WHERE NOT EXISTS { (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t) }
    RETURN t, 0.0 AS papers, COLLECT { MATCH (r)-[x:WORKS_ON]->(t) RETURN x.score } AS recorded
  }
  RETURN r.id AS node, t.id AS other, papers, recorded
  ORDER BY node, other
}
WITH collect({node: node, other: other, papers: papers, recorded: recorded}) AS found
RETURN size(found) AS differences, found[0..$limit] AS shown
