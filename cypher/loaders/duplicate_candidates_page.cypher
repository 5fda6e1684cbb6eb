// A page of the stored candidate pairs, most likely first, then by the ids (index on the score).
// In: $keys [{id: "all", first, after, before: [-score, 0, a, b, ''] | null, backward,
// minScore}], $limit (the largest first + 1).
// Out: key, total (pairs scoring at least minScore), earlier, later (whether pairs lie at or
// before `after`, at or after `before`: the pair a cursor names, while the data is unchanged),
// items [{sort, a, b, score, reasons, counts, weights}]
// ($limit of them: the first of the window between the cursors, or with `backward` the last,
// in list order either way).
UNWIND $keys AS key
CALL (key) {
  MATCH ()-[d:DUPLICATE_CANDIDATE]->()
  WHERE d.score >= key.minScore
  RETURN count(d) AS total
}
CALL (key) {
  CALL (key) {
    // forward: from the highest score down; a branch a key does not take reads nothing (its
    // score bound is null)
    MATCH (a:Researcher)-[d:DUPLICATE_CANDIDATE]->(b:Researcher)
    WHERE d.score >= CASE WHEN NOT key.backward THEN key.minScore END
      AND {{ after_cursor([-d.score, 0, a.id, b.id, ''], key.after) }}
      AND {{ before_cursor([-d.score, 0, a.id, b.id, ''], key.before) }}
    WITH a, b, d
    ORDER BY d.score DESC, a.id, b.id
    LIMIT $limit
    RETURN a, b, d
    UNION ALL
    // backward: from the lowest score up, the list's order reversed
    MATCH (a:Researcher)-[d:DUPLICATE_CANDIDATE]->(b:Researcher)
    WHERE d.score >= CASE WHEN key.backward THEN key.minScore END
      AND {{ after_cursor([-d.score, 0, a.id, b.id, ''], key.after) }}
      AND {{ before_cursor([-d.score, 0, a.id, b.id, ''], key.before) }}
    WITH a, b, d
    ORDER BY d.score, a.id DESC, b.id DESC
    LIMIT $limit
    RETURN a, b, d
  }
  WITH a, b, d ORDER BY d.score DESC, a.id, b.id
  RETURN collect({
    sort: [-d.score, 0, a.id, b.id, ''], a: a.id, b: b.id, score: d.score,
    reasons: d.reasons, counts: d.counts, weights: d.weights
  }) AS items
}
RETURN key, total, items, key.after IS NOT NULL AS earlier, key.before IS NOT NULL AS later
