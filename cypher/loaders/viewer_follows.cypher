// A page of the researchers a user follows, most recently followed first.
// In: $limit (largest first + 1), $keys [{id (user id), first, after: [n1, n2, s, id] | null}].
// Out: key, total, items [{node, sort}].
UNWIND $keys AS key
OPTIONAL MATCH (u:User {id: key.id})
CALL (u, key) {
  OPTIONAL MATCH (u)-[f:FOLLOWS]->(r:Researcher)
  WITH r, [-f.at.epochMillis, 0, coalesce(r.name, ''), r.id] AS sort
  WHERE r IS NOT NULL
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  WITH collect({r: r, sort: sort}) AS ranked
  WITH size(ranked) AS total, [i IN ranked WHERE key.after IS NULL
      OR i.sort[0] > key.after[0] OR (i.sort[0] = key.after[0] AND (i.sort[1] > key.after[1]
      OR (i.sort[1] = key.after[1] AND (i.sort[2] > key.after[2]
      OR (i.sort[2] = key.after[2] AND i.sort[3] > key.after[3])))))][0..$limit] AS page
  RETURN total, [i IN page | {node: properties(i.r), sort: i.sort}] AS items
}
RETURN key, total, items
