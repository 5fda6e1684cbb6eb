// Every edge among the nodes of a neighbourhood slice, weighted as the slice ranks neighbours.
// In: $keys [{researchers, papers, topics, institutions}] (the ids of each slice, by kind).
// Out: key, edges [{source, target, kind, weight}] (one row per slice, so its long key is sent
// back once).
// COAUTHOR and RELATED go from the smaller id; the others point the way the graph model does.
UNWIND $keys AS key
CALL (key) {
  CALL (key) {
    // the coauthor's id is tested after the expansion (a test inside the MATCH would plan an
    // index seek from each side: 30x the db hits)
    MATCH (r:Researcher) WHERE r.id IN key.researchers
    MATCH (r)-[k:COAUTHOR]->(c:Researcher)
    WITH key, r, k, c WHERE r.id < c.id
    WITH key, r, k, c.id AS target WHERE target IN key.researchers
    RETURN r.id AS source, target, 'COAUTHOR' AS kind, toFloat(k.shared) AS weight
    UNION ALL
    UNWIND key.researchers AS rid
    MATCH (r:Researcher {id: rid})-[:AUTHORED]->(p:Paper) WHERE p.id IN key.papers
    RETURN r.id AS source, p.id AS target, 'AUTHORED' AS kind,
           toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight
    UNION ALL
    MATCH (s:Topic) WHERE s.id IN key.topics
    WITH key, collect(s) AS topics
    UNWIND key.researchers AS rid
    MATCH (r:Researcher {id: rid})-[k:WORKS_ON]->(t:Topic)
    WHERE t IN topics
    RETURN r.id AS source, t.id AS target, 'WORKS_ON' AS kind, k.score AS weight
    UNION ALL
    UNWIND key.researchers AS rid
    MATCH (r:Researcher {id: rid})-[a:AFFILIATED_WITH]->(i:Institution)
    WHERE i.id IN key.institutions
    RETURN r.id AS source, i.id AS target, 'AFFILIATED_WITH' AS kind,
           CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight
    UNION ALL
    UNWIND key.papers AS pid
    MATCH (p:Paper {id: pid})-[a:ABOUT]->(t:Topic) WHERE t.id IN key.topics
    RETURN p.id AS source, t.id AS target, 'ABOUT' AS kind, a.score AS weight
    UNION ALL
    UNWIND key.papers AS pid
    MATCH (p:Paper {id: pid})-[:CITES]->(q:Paper) WHERE q.id IN key.papers
    RETURN p.id AS source, q.id AS target, 'CITES' AS kind,
           toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight
    UNION ALL
    UNWIND key.topics AS tid
    MATCH (t:Topic {id: tid})-[k:RELATED]->(u:Topic)
    WHERE t.id < u.id AND u.id IN key.topics
    RETURN t.id AS source, u.id AS target, 'RELATED' AS kind, toFloat(k.shared) AS weight
  }
  RETURN collect({source: source, target: target, kind: kind, weight: weight}) AS edges
}
RETURN key, edges
