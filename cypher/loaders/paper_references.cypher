// A page of the papers cited by a paper, newest first. In: $limit (largest first + 1), $keys [{id,
// first, after, before: [n1, n2, s, id, edge] | null, backward}]. Out: key, total, earlier, later,
// items [{node, citedByCount, sort}]. $props: null for every property of a node as a map, else the
// values of $props in order; citedByCount only with $cites, sort only with $sorted. The page:
// `fragments/page_window`; earlier, later: `fragments/earlier`, `later`.
UNWIND $keys AS key
MATCH (p:Paper {id: key.id})
CALL (p, key) {
  MATCH (p)-[:CITES]->(q:Paper)
  WITH DISTINCT q
  WITH q, CASE WHEN $cites THEN COUNT { (q)<-[:CITES]-() } END AS cites,
       [-coalesce(q.year, 0), 0, coalesce(q.title, ''), q.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({q: q, cites: cites, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later, [i IN page | {
      node: CASE WHEN $props IS NULL THEN properties(i.q) ELSE [k IN $props | i.q[k]] END,
      citedByCount: i.cites, sort: CASE WHEN $sorted THEN i.sort END}] AS items
}
RETURN key, total, earlier, later, items
