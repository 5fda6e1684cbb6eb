// A page of the papers cited by a paper, newest first. In: $limit (largest first + 1),
// $keys [{id, first, after: [n1, n2, s, id] | null}]. Out: key, total, items [{node, citedByCount, sort}].
UNWIND $keys AS key
MATCH (p:Paper {id: key.id})
CALL (p, key) {
  MATCH (p)-[:CITES]->(q:Paper)
  WITH q, COUNT { (q)<-[:CITES]-() } AS cites,
       [-coalesce(q.year, 0), 0, coalesce(q.title, ''), q.id] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  WITH collect({q: q, cites: cites, sort: sort}) AS ranked
  WITH size(ranked) AS total, [i IN ranked WHERE key.after IS NULL
      OR i.sort[0] > key.after[0] OR (i.sort[0] = key.after[0] AND (i.sort[1] > key.after[1]
      OR (i.sort[1] = key.after[1] AND (i.sort[2] > key.after[2]
      OR (i.sort[2] = key.after[2] AND i.sort[3] > key.after[3])))))][0..$limit] AS page
  RETURN total, [i IN page | {node: properties(i.q), citedByCount: i.cites, sort: i.sort}] AS items
}
RETURN key, total, items
