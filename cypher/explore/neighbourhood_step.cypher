// One level of a neighbourhood slice: each frontier node with its best-weighted neighbours.
// In: $keys [{id, kind, kinds, limit}]: a frontier node (kind RESEARCHER|PAPER|TOPIC|INSTITUTION,
// or null for whichever has the id), the neighbour kinds wanted and how many neighbours.
// Out: key, kind, label (of the frontier node; no row for an unknown id), neighbours [{id, kind,
// label, weight, edge, source, target}] best first, more (neighbours beyond the limit exist).
// Edges point the way the graph model does (researcher -> paper, paper -> topic, citing ->
// cited); COAUTHOR and RELATED have no direction and go from the smaller id.
UNWIND $keys AS f
CALL (f) {
  MATCH (n:Researcher {id: f.id}) WHERE coalesce(f.kind, 'RESEARCHER') = 'RESEARCHER'
  RETURN n, n.name AS label, 'RESEARCHER' AS nodeKind
  UNION ALL
  MATCH (n:Paper {id: f.id}) WHERE coalesce(f.kind, 'PAPER') = 'PAPER'
  RETURN n, n.title AS label, 'PAPER' AS nodeKind
  UNION ALL
  MATCH (n:Topic {id: f.id}) WHERE coalesce(f.kind, 'TOPIC') = 'TOPIC'
  RETURN n, n.name AS label, 'TOPIC' AS nodeKind
  UNION ALL
  MATCH (n:Institution {id: f.id}) WHERE coalesce(f.kind, 'INSTITUTION') = 'INSTITUTION'
  RETURN n, n.name AS label, 'INSTITUTION' AS nodeKind
}
OPTIONAL CALL (n, f) {
  // a researcher's coauthors (by shared works), works, topics (WORKS_ON: summed scores), institutions
  WITH n WHERE n:Researcher AND 'RESEARCHER' IN f.kinds
  MATCH (n)-[k:COAUTHOR]->(c:Researcher)
  RETURN c.id AS id, 'RESEARCHER' AS kind, c.name AS neighbourLabel, toFloat(k.shared) AS weight,
         'COAUTHOR' AS edge, CASE WHEN n.id < c.id THEN n.id ELSE c.id END AS source,
         CASE WHEN n.id < c.id THEN c.id ELSE n.id END AS target
  UNION ALL
  WITH n WHERE n:Researcher AND 'PAPER' IN f.kinds
  MATCH (n)-[:AUTHORED]->(p:Paper)
  RETURN p.id AS id, 'PAPER' AS kind, p.title AS neighbourLabel,
         toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight, 'AUTHORED' AS edge, n.id AS source,
         p.id AS target
  UNION ALL
  WITH n WHERE n:Researcher AND 'TOPIC' IN f.kinds
  MATCH (n)-[k:WORKS_ON]->(t:Topic)
  RETURN t.id AS id, 'TOPIC' AS kind, t.name AS neighbourLabel, k.score AS weight,
         'WORKS_ON' AS edge, n.id AS source, t.id AS target
  UNION ALL
  WITH n WHERE n:Researcher AND 'INSTITUTION' IN f.kinds
  MATCH (n)-[a:AFFILIATED_WITH]->(i:Institution)
  RETURN i.id AS id, 'INSTITUTION' AS kind, i.name AS neighbourLabel,
         CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight, 'AFFILIATED_WITH' AS edge,
         n.id AS source, i.id AS target
  UNION ALL
  // a paper's authors, topics (by score), cited and citing papers (by their citations)
  WITH n WHERE n:Paper AND 'RESEARCHER' IN f.kinds
  MATCH (r:Researcher)-[:AUTHORED]->(n)
  RETURN r.id AS id, 'RESEARCHER' AS kind, r.name AS neighbourLabel,
         toFloat(COUNT { (r)-[:AUTHORED]->() }) AS weight, 'AUTHORED' AS edge, r.id AS source,
         n.id AS target
  UNION ALL
  WITH n WHERE n:Paper AND 'TOPIC' IN f.kinds
  MATCH (n)-[a:ABOUT]->(t:Topic)
  RETURN t.id AS id, 'TOPIC' AS kind, t.name AS neighbourLabel, a.score AS weight, 'ABOUT' AS edge,
         n.id AS source, t.id AS target
  UNION ALL
  WITH n WHERE n:Paper AND 'PAPER' IN f.kinds
  MATCH (n)-[:CITES]->(q:Paper)
  RETURN q.id AS id, 'PAPER' AS kind, q.title AS neighbourLabel,
         toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight, 'CITES' AS edge, n.id AS source,
         q.id AS target
  UNION ALL
  WITH n WHERE n:Paper AND 'PAPER' IN f.kinds
  MATCH (q:Paper)-[:CITES]->(n)
  RETURN q.id AS id, 'PAPER' AS kind, q.title AS neighbourLabel,
         toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight, 'CITES' AS edge, q.id AS source,
         n.id AS target
  UNION ALL
  // a topic's papers (by score), researchers (WORKS_ON), related topics (RELATED shared)
  WITH n WHERE n:Topic AND 'PAPER' IN f.kinds
  MATCH (p:Paper)-[a:ABOUT]->(n)
  RETURN p.id AS id, 'PAPER' AS kind, p.title AS neighbourLabel, a.score AS weight, 'ABOUT' AS edge,
         p.id AS source, n.id AS target
  UNION ALL
  WITH n WHERE n:Topic AND 'RESEARCHER' IN f.kinds
  MATCH (r:Researcher)-[k:WORKS_ON]->(n)
  RETURN r.id AS id, 'RESEARCHER' AS kind, r.name AS neighbourLabel, k.score AS weight,
         'WORKS_ON' AS edge, r.id AS source, n.id AS target
  UNION ALL
  WITH n WHERE n:Topic AND 'TOPIC' IN f.kinds
  MATCH (n)-[k:RELATED]->(t:Topic)
  RETURN t.id AS id, 'TOPIC' AS kind, t.name AS neighbourLabel, toFloat(k.shared) AS weight,
         'RELATED' AS edge, CASE WHEN n.id < t.id THEN n.id ELSE t.id END AS source,
         CASE WHEN n.id < t.id THEN t.id ELSE n.id END AS target
  UNION ALL
  // an institution's researchers (current ones first)
  WITH n WHERE n:Institution AND 'RESEARCHER' IN f.kinds
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(n)
  RETURN r.id AS id, 'RESEARCHER' AS kind, r.name AS neighbourLabel,
         CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight, 'AFFILIATED_WITH' AS edge,
         r.id AS source, n.id AS target
}
WITH f, nodeKind, label, id, kind, neighbourLabel, weight, edge, source, target
ORDER BY weight DESC, neighbourLabel, id
WITH f, nodeKind, label,
     collect(CASE WHEN id IS NOT NULL THEN {id: id, kind: kind, label: neighbourLabel,
             weight: weight, edge: edge, source: source, target: target} END) AS ranked
RETURN f AS key, nodeKind AS kind, label, ranked[0..f.limit] AS neighbours,
       size(ranked) > f.limit AS more
