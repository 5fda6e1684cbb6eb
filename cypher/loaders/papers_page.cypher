// A page of all papers, newest first. In: $limit (largest first + 1),
// $keys [{id: "all", first, after: [n1, n2, s, id] | null}].
// Out: key, total, items [{node, citedByCount, sort}].
UNWIND $keys AS key
CALL (key) {
  MATCH (p:Paper)
  RETURN count(p) AS total
}
CALL (key) {
  MATCH (p:Paper)
  WITH p, [-coalesce(p.year, 0), 0, coalesce(p.title, ''), p.id] AS sort
  WHERE key.after IS NULL
      OR sort[0] > key.after[0] OR (sort[0] = key.after[0] AND (sort[1] > key.after[1]
      OR (sort[1] = key.after[1] AND (sort[2] > key.after[2]
      OR (sort[2] = key.after[2] AND sort[3] > key.after[3])))))
  WITH p, sort
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  LIMIT $limit
  RETURN collect({node: p {.*}, citedByCount: COUNT { (p)<-[:CITES]-() }, sort: sort}) AS items
}
RETURN key, total, items
