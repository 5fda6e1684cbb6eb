// A page of a topic's papers, best topic score first, then newest. In: $limit (largest first + 1),
// $keys [{id, first, after, before: [n1, n2, s, id, edge] | null, backward}]. Out: key, total,
// earlier, later, items [{node, citedByCount, score, sort}]. The page: `fragments/page_window`;
// earlier, later: `fragments/earlier`, `later`.
UNWIND $keys AS key
MATCH (t:Topic {id: key.id})
CALL (t, key) {
  MATCH (p:Paper)-[a:ABOUT]->(t)
  WITH p, a.score AS score, COUNT { (p)<-[:CITES]-() } AS cites,
       [-coalesce(a.score, 0.0), -coalesce(p.year, 0), coalesce(p.title, ''), p.id, elementId(a)] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({p: p, score: score, cites: cites, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later,
    [i IN page | {node: properties(i.p), citedByCount: i.cites, score: i.score,
      sort: i.sort}] AS items
}
RETURN key, total, earlier, later, items
