// A page of the stored candidate pairs, most likely first, then by the ids (index on the score).
// In: $keys [{first, after: [-score, 0, a, b, ''] | null, minScore}], $limit (the largest first + 1).
// Out: key, total (pairs scoring at least minScore), items [{sort, a, b, score, reasons,
// counts, weights}] (first + 1 of them).
UNWIND $keys AS key
CALL (key) {
  MATCH ()-[d:DUPLICATE_CANDIDATE]->()
  WHERE d.score >= key.minScore
  RETURN count(d) AS total
}
CALL (key) {
  MATCH (a:Researcher)-[d:DUPLICATE_CANDIDATE]->(b:Researcher)
  WHERE d.score >= key.minScore
    AND {{ after_cursor([-d.score, 0, a.id, b.id, '']) }}
  WITH a, b, d
  ORDER BY d.score DESC, a.id, b.id
  LIMIT $limit
  WITH collect({
    sort: [-d.score, 0, a.id, b.id, ''], a: a.id, b: b.id, score: d.score,
    reasons: d.reasons, counts: d.counts, weights: d.weights
  }) AS items
  RETURN items[..key.first + 1] AS items
}
RETURN key, total, items
