// A researcher's stored candidate pairs, most likely first, then by the other record's id.
// In: $keys [{id, first, minScore}]. Out: key, candidates [{id, score, reasons, counts,
// weights}] (at most first).
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  MATCH (r)-[d:DUPLICATE_CANDIDATE]-(c:Researcher)
  WHERE d.score >= key.minScore
  WITH c, d
  ORDER BY d.score DESC, c.id
  WITH collect({
    id: c.id, score: d.score, reasons: d.reasons, counts: d.counts, weights: d.weights
  }) AS candidates
  RETURN candidates[..key.first] AS candidates
}
RETURN key, candidates
