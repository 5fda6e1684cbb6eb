// Every edge among the nodes of a neighbourhood slice, weighted as the slice ranks neighbours.
// In: $keys [{researchers, papers, topics, institutions}] (the ids of each slice, by kind).
// Out: key, edges [{source, target, kind, weight}] (one row per slice, so its long key is sent
// back once).
// COAUTHOR and RELATED go from the smaller id; the others point the way the graph model does.
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    // each kind of edge as a hash join of its two ends' nodes, both found by id (a test of
    // the far end's id inside the list costs a walk of the list per edge; an index seek from
    // each side, 30x the db hits)
    MATCH (r:Researcher)-[k:COAUTHOR]->(c:Researcher)
    USING JOIN ON c
    WHERE r.id IN key.researchers AND c.id IN key.researchers AND r.id < c.id
    RETURN r.id AS source, c.id AS target, 'COAUTHOR' AS kind, toFloat(k.shared) AS weight
    UNION ALL
    MATCH (r:Researcher)-[:AUTHORED]->(p:Paper)
    USING JOIN ON p
    WHERE r.id IN key.researchers AND p.id IN key.papers
    RETURN r.id AS source, p.id AS target, 'AUTHORED' AS kind,
           toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight
    UNION ALL
    MATCH (r:Researcher)-[k:WORKS_ON]->(t:Topic)
    USING JOIN ON t
    WHERE r.id IN key.researchers AND t.id IN key.topics
    RETURN r.id AS source, t.id AS target, 'WORKS_ON' AS kind, k.score AS weight
    UNION ALL
    UNWIND key.researchers AS rid
    MATCH (r:Researcher {id: rid})-[a:AFFILIATED_WITH]->(i:Institution)
    WHERE i.id IN key.institutions
    RETURN r.id AS source, i.id AS target, 'AFFILIATED_WITH' AS kind,
           CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight
    UNION ALL
    MATCH (p:Paper)-[a:ABOUT]->(t:Topic)
    USING JOIN ON t
    WHERE p.id IN key.papers AND t.id IN key.topics
    RETURN p.id AS source, t.id AS target, 'ABOUT' AS kind, a.score AS weight
    UNION ALL
    MATCH (p:Paper)-[:CITES]->(q:Paper)
    USING JOIN ON q
    WHERE p.id IN key.papers AND q.id IN key.papers
    RETURN p.id AS source, q.id AS target, 'CITES' AS kind,
           toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight
    UNION ALL
    // a join here too: from each topic by id, Neo4j sought every other topic of the slice and
    // tested each pair with Expand(Into), which walks a topic's RELATED (a slice of the 4M graph:
    // 1.5M db hits, 250 ms, against 43k and 37 ms joined)
    MATCH (t:Topic)-[k:RELATED]->(u:Topic)
    USING JOIN ON u
    WHERE t.id IN key.topics AND u.id IN key.topics AND t.id < u.id
    RETURN t.id AS source, u.id AS target, 'RELATED' AS kind, toFloat(k.shared) AS weight
  }
  // a relationship a write deletes while this reads it (reads are read committed) has lost its
  // properties: it is not in the graph that write left, so it is not drawn
  WITH source, target, kind, weight WHERE weight IS NOT NULL
  RETURN collect({source: source, target: target, kind: kind, weight: weight}) AS edges
}
RETURN key, edges
