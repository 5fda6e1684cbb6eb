// A page of all institutions by name. In: $limit (largest first + 1),
// $keys [{id: "all", first, after: [n1, n2, s, id] | null}]. Out: key, total, items [{node, sort}].
UNWIND $keys AS key
CALL (key) {
  MATCH (i:Institution)
  RETURN count(i) AS total
}
CALL (key) {
  MATCH (i:Institution)
  WITH i, [0, 0, coalesce(i.name, ''), i.id] AS sort
  WHERE key.after IS NULL
      OR sort[0] > key.after[0] OR (sort[0] = key.after[0] AND (sort[1] > key.after[1]
      OR (sort[1] = key.after[1] AND (sort[2] > key.after[2]
      OR (sort[2] = key.after[2] AND sort[3] > key.after[3])))))
  WITH i, sort
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  LIMIT $limit
  RETURN collect({node: i {.*}, sort: sort}) AS items
}
RETURN key, total, items
