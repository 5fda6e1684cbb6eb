// Floor: the neighbourhood slice an explorer draws around a researcher, depth 2, every kind, in
// one query. The center's best $limit neighbours, then the best $limit of each of those, ranked
// and weighted as cypher/explore/neighbourhood_step.cypher ranks them (weight, label, id); new
// nodes are kept first come (by the rank of the node that reached them, then their own rank)
// until there are $maxNodes; then every edge among the kept nodes, as neighbourhood_edges.cypher
// draws them; a node's depth is its hops from the center over those edges. In: $id, $limit,
// $maxNodes.
// Out: nodes [{id, kind, label, depth}], edges [{source, target, kind, weight}].
MATCH (center:Researcher {id: $id})
CALL (center) {
  CALL (center) {
    MATCH (center)-[k:COAUTHOR]->(c:Researcher)
    RETURN c AS m, c.name AS label, toFloat(k.shared) AS weight
    UNION ALL
    MATCH (center)-[:AUTHORED]->(p:Paper)
    RETURN p AS m, p.title AS label, toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight
    UNION ALL
    MATCH (center)-[k:WORKS_ON]->(t:Topic)
    RETURN t AS m, t.name AS label, k.score AS weight
    UNION ALL
    MATCH (center)-[a:AFFILIATED_WITH]->(i:Institution)
    RETURN i AS m, i.name AS label, CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight
  }
  WITH m, label, weight ORDER BY weight DESC, label, m.id
  WITH collect(m)[0..$limit] AS ranked
  WITH [i IN range(0, size(ranked) - 1) WHERE NOT ranked[i] IN ranked[0..i] | ranked[i]] AS firsts
  RETURN firsts[0..$maxNodes - 1] AS level1
}
CALL (center, level1) {
  UNWIND range(0, size(level1) - 1) AS i
  WITH level1[i] AS n, i
  CALL (n) {
    WITH n WHERE n:Researcher
    MATCH (n)-[k:COAUTHOR]->(c:Researcher)
    RETURN c AS m, c.name AS label, toFloat(k.shared) AS weight
    UNION ALL
    WITH n WHERE n:Researcher
    MATCH (n)-[:AUTHORED]->(p:Paper)
    RETURN p AS m, p.title AS label, toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight
    UNION ALL
    WITH n WHERE n:Researcher
    MATCH (n)-[k:WORKS_ON]->(t:Topic)
    RETURN t AS m, t.name AS label, k.score AS weight
    UNION ALL
    WITH n WHERE n:Researcher
    MATCH (n)-[a:AFFILIATED_WITH]->(i:Institution)
    RETURN i AS m, i.name AS label, CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight
    UNION ALL
    WITH n WHERE n:Paper
    MATCH (r:Researcher)-[:AUTHORED]->(n)
    RETURN r AS m, r.name AS label, toFloat(COUNT { (r)-[:AUTHORED]->() }) AS weight
    UNION ALL
    WITH n WHERE n:Paper
    MATCH (n)-[a:ABOUT]->(t:Topic)
    RETURN t AS m, t.name AS label, a.score AS weight
    UNION ALL
    WITH n WHERE n:Paper
    MATCH (n)-[:CITES]->(q:Paper)
    RETURN q AS m, q.title AS label, toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight
    UNION ALL
    WITH n WHERE n:Paper
    MATCH (q:Paper)-[:CITES]->(n)
    RETURN q AS m, q.title AS label, toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight
    UNION ALL
    WITH n WHERE n:Topic
    MATCH (p:Paper)-[a:ABOUT]->(n)
    RETURN p AS m, p.title AS label, a.score AS weight
    UNION ALL
    WITH n WHERE n:Topic
    MATCH (r:Researcher)-[k:WORKS_ON]->(n)
    RETURN r AS m, r.name AS label, k.score AS weight
    UNION ALL
    WITH n WHERE n:Topic
    MATCH (n)-[k:RELATED]->(t:Topic)
    RETURN t AS m, t.name AS label, toFloat(k.shared) AS weight
    UNION ALL
    WITH n WHERE n:Institution
    MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(n)
    RETURN r AS m, r.name AS label, CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight
  }
  WITH i, m, label, weight ORDER BY weight DESC, label, m.id
  WITH i, collect(m)[0..$limit] AS ranked
  UNWIND range(0, size(ranked) - 1) AS j
  WITH ranked[j] AS m, i * ($limit + 1) + j AS position
  WHERE m <> center AND NOT m IN level1
  WITH m, min(position) AS first ORDER BY first
  RETURN collect(m) AS reached
}
WITH center, level1, reached[0..$maxNodes - 1 - size(level1)] AS level2
WITH [center] + level1 + level2 AS slice, size(level1) AS ones
WITH slice, ones,
     [n IN slice WHERE n:Researcher | n.id] AS researchers,
     [n IN slice WHERE n:Paper | n.id] AS papers,
     [n IN slice WHERE n:Topic | n.id] AS topics,
     [n IN slice WHERE n:Institution | n.id] AS institutions,
     [n IN slice WHERE n:Researcher] AS people, [n IN slice WHERE n:Topic] AS subjects
CALL (researchers, papers, topics, institutions, people, subjects) {
  CALL (researchers, papers, topics, institutions, people, subjects) {
    UNWIND people AS r
    MATCH (r)-[k:COAUTHOR]->(c:Researcher)
    WHERE r.id < c.id AND c IN people
    RETURN r.id AS source, c.id AS target, 'COAUTHOR' AS kind, toFloat(k.shared) AS weight
    UNION ALL
    UNWIND researchers AS rid
    MATCH (r:Researcher {id: rid})-[:AUTHORED]->(p:Paper) WHERE p.id IN papers
    RETURN r.id AS source, p.id AS target, 'AUTHORED' AS kind,
           toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight
    UNION ALL
    UNWIND researchers AS rid
    MATCH (r:Researcher {id: rid})-[k:WORKS_ON]->(t:Topic) WHERE t IN subjects
    RETURN r.id AS source, t.id AS target, 'WORKS_ON' AS kind, k.score AS weight
    UNION ALL
    UNWIND researchers AS rid
    MATCH (r:Researcher {id: rid})-[a:AFFILIATED_WITH]->(i:Institution) WHERE i.id IN institutions
    RETURN r.id AS source, i.id AS target, 'AFFILIATED_WITH' AS kind,
           CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight
    UNION ALL
    UNWIND papers AS pid
    MATCH (p:Paper {id: pid})-[a:ABOUT]->(t:Topic) WHERE t.id IN topics
    RETURN p.id AS source, t.id AS target, 'ABOUT' AS kind, a.score AS weight
    UNION ALL
    UNWIND papers AS pid
    MATCH (p:Paper {id: pid})-[:CITES]->(q:Paper) WHERE q.id IN papers
    RETURN p.id AS source, q.id AS target, 'CITES' AS kind,
           toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight
    UNION ALL
    UNWIND topics AS tid
    MATCH (t:Topic {id: tid})-[k:RELATED]->(u:Topic)
    WHERE t.id < u.id AND u.id IN topics
    RETURN t.id AS source, u.id AS target, 'RELATED' AS kind, toFloat(k.shared) AS weight
  }
  RETURN collect({source: source, target: target, kind: kind, weight: weight}) AS edges
}
RETURN [i IN range(0, size(slice) - 1) | {
         id: slice[i].id,
         kind: CASE WHEN slice[i]:Researcher THEN 'RESEARCHER' WHEN slice[i]:Paper THEN 'PAPER'
                    WHEN slice[i]:Topic THEN 'TOPIC' ELSE 'INSTITUTION' END,
         label: coalesce(slice[i].name, slice[i].title),
         // hops from the center over the slice's edges: a second-level node with an edge to
         // the center is one hop away
         depth: CASE WHEN i = 0 THEN 0 WHEN i <= ones THEN 1
                     WHEN any(e IN edges WHERE (e.source = slice[0].id AND e.target = slice[i].id)
                              OR (e.target = slice[0].id AND e.source = slice[i].id)) THEN 1
                     ELSE 2 END}] AS nodes,
       edges
