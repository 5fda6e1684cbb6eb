// One level of a neighbourhood slice: each frontier node with its best-weighted neighbours.
// In: $keys [{id, kind, kinds, limit}]: a frontier node (kind RESEARCHER|PAPER|TOPIC|INSTITUTION,
// or null for whichever has the id), the neighbour kinds wanted and how many neighbours.
// Out: key, kind, label (of the frontier node; no row for an unknown id), neighbours [{id, kind,
// label, weight, edge, source, target}] best first, more (neighbours beyond the limit exist).
// Edges point the way the graph model does (researcher -> paper, paper -> topic, citing ->
// cited); COAUTHOR and RELATED have no direction and go from the smaller id. Each branch gives
// the neighbour m, its weight, the edge and whether it leaves n (outward; null: no direction).
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
  // a researcher's coauthors (by shared works), works, topics (WORKS_ON: summed scores),
  // institutions
  WITH n WHERE n:Researcher AND 'RESEARCHER' IN f.kinds
  MATCH (n)-[k:COAUTHOR]->(c:Researcher)
  RETURN c AS m, 'RESEARCHER' AS kind, toFloat(k.shared) AS weight,
         'COAUTHOR' AS edge, null AS outward
  UNION ALL
  WITH n WHERE n:Researcher AND 'PAPER' IN f.kinds
  MATCH (n)-[:AUTHORED]->(p:Paper)
  RETURN p AS m, 'PAPER' AS kind, toFloat(1 + COUNT { (p)<-[:CITES]-() }) AS weight,
         'AUTHORED' AS edge, true AS outward
  UNION ALL
  WITH n WHERE n:Researcher AND 'TOPIC' IN f.kinds
  MATCH (n)-[k:WORKS_ON]->(t:Topic)
  RETURN t AS m, 'TOPIC' AS kind, k.score AS weight, 'WORKS_ON' AS edge, true AS outward
  UNION ALL
  WITH n WHERE n:Researcher AND 'INSTITUTION' IN f.kinds
  MATCH (n)-[a:AFFILIATED_WITH]->(i:Institution)
  RETURN i AS m, 'INSTITUTION' AS kind, CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight,
         'AFFILIATED_WITH' AS edge, true AS outward
  UNION ALL
  // a paper's authors, topics (by score), cited and citing papers (by their citations)
  WITH n WHERE n:Paper AND 'RESEARCHER' IN f.kinds
  MATCH (r:Researcher)-[:AUTHORED]->(n)
  RETURN r AS m, 'RESEARCHER' AS kind, toFloat(COUNT { (r)-[:AUTHORED]->() }) AS weight,
         'AUTHORED' AS edge, false AS outward
  UNION ALL
  WITH n WHERE n:Paper AND 'TOPIC' IN f.kinds
  MATCH (n)-[a:ABOUT]->(t:Topic)
  RETURN t AS m, 'TOPIC' AS kind, a.score AS weight, 'ABOUT' AS edge, true AS outward
  UNION ALL
  WITH n WHERE n:Paper AND 'PAPER' IN f.kinds
  MATCH (n)-[:CITES]->(q:Paper)
  RETURN q AS m, 'PAPER' AS kind, toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight,
         'CITES' AS edge, true AS outward
  UNION ALL
  WITH n WHERE n:Paper AND 'PAPER' IN f.kinds
  MATCH (q:Paper)-[:CITES]->(n)
  RETURN q AS m, 'PAPER' AS kind, toFloat(1 + COUNT { (q)<-[:CITES]-() }) AS weight,
         'CITES' AS edge, false AS outward
  UNION ALL
  // a topic's papers (by score), researchers (WORKS_ON), related topics (RELATED shared); a
  // ranked topic (cypher/ingest/rank_topics, limit < 101) reads only the papers and researchers
  // its ranking names: every one among the 101 best of the kind, and so every one the cut
  // below keeps, and more than the limit of them (`more` stays true)
  WITH n WHERE n:Topic AND 'PAPER' IN f.kinds AND (n.bestPapers IS NULL OR f.limit >= 101)
  MATCH (p:Paper)-[a:ABOUT]->(n)
  RETURN p AS m, 'PAPER' AS kind, a.score AS weight, 'ABOUT' AS edge, false AS outward
  UNION ALL
  WITH n WHERE n:Topic AND 'PAPER' IN f.kinds AND n.bestPapers IS NOT NULL AND f.limit < 101
  UNWIND n.bestPapers AS id
  MATCH (p:Paper {id: id})-[a:ABOUT]->(n)
  RETURN p AS m, 'PAPER' AS kind, a.score AS weight, 'ABOUT' AS edge, false AS outward
  UNION ALL
  WITH n WHERE n:Topic AND 'RESEARCHER' IN f.kinds
    AND (n.bestResearchers IS NULL OR f.limit >= 101)
  MATCH (r:Researcher)-[k:WORKS_ON]->(n)
  RETURN r AS m, 'RESEARCHER' AS kind, k.score AS weight, 'WORKS_ON' AS edge, false AS outward
  UNION ALL
  WITH n WHERE n:Topic AND 'RESEARCHER' IN f.kinds
    AND n.bestResearchers IS NOT NULL AND f.limit < 101
  UNWIND n.bestResearchers AS id
  MATCH (r:Researcher {id: id})-[k:WORKS_ON]->(n)
  RETURN r AS m, 'RESEARCHER' AS kind, k.score AS weight, 'WORKS_ON' AS edge, false AS outward
  UNION ALL
  WITH n WHERE n:Topic AND 'TOPIC' IN f.kinds
  MATCH (n)-[k:RELATED]->(t:Topic)
  RETURN t AS m, 'TOPIC' AS kind, toFloat(k.shared) AS weight, 'RELATED' AS edge, null AS outward
  UNION ALL
  // an institution's researchers (current ones first)
  WITH n WHERE n:Institution AND 'RESEARCHER' IN f.kinds
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(n)
  RETURN r AS m, 'RESEARCHER' AS kind, CASE WHEN a.current THEN 2.0 ELSE 1.0 END AS weight,
         'AFFILIATED_WITH' AS edge, false AS outward
}
// the best limit + 1 of a node's neighbours all weigh at least the (limit + 1)th weight: only
// those are named and sorted in full (a topic has hundreds of papers and researchers)
WITH f, n, nodeKind, label, m, kind, weight, edge, outward
ORDER BY weight DESC
WITH f, n, nodeKind, label,
     collect(CASE WHEN m IS NOT NULL
       THEN {m: m, kind: kind, weight: weight, edge: edge, outward: outward} END) AS found
CALL (f, n, found) {
  WITH found[f.limit].weight AS cut
  UNWIND found AS x
  WITH x WHERE cut IS NULL OR x.weight IS NULL OR x.weight >= cut
  WITH x, x.m.id AS id, CASE x.kind WHEN 'PAPER' THEN x.m.title ELSE x.m.name END AS neighbourLabel
  WITH x, id, neighbourLabel, x.outward OR (x.outward IS NULL AND n.id < id) AS fromNode
  ORDER BY x.weight DESC, neighbourLabel, id
  RETURN collect({id: id, kind: x.kind, label: neighbourLabel, weight: x.weight, edge: x.edge,
                  source: CASE WHEN fromNode THEN n.id ELSE id END,
                  target: CASE WHEN fromNode THEN id ELSE n.id END}) AS ranked
}
RETURN f AS key, nodeKind AS kind, label, ranked[0..f.limit] AS neighbours,
       size(found) > f.limit AS more
