// A page of the researchers a user follows, most recently followed first.
// In: $limit (largest first + 1), $keys [{id (user id), first, after: [n1, n2, s, id, edge] | null}].
// Out: key, total, items [{node, sort}].
UNWIND $keys AS key
OPTIONAL MATCH (u:User {id: key.id})
CALL (u, key) {
  OPTIONAL MATCH (u)-[f:FOLLOWS]->(r:Researcher)
  WITH r, [-coalesce(f.at.epochMillis, 0), 0, coalesce(r.name, ''), r.id, ''] AS sort
  WHERE r IS NOT NULL
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({r: r, sort: sort}) AS ranked
  WITH size(ranked) AS total, [i IN ranked WHERE {{ after_cursor(i.sort) }}][0..$limit] AS page
  RETURN total, [i IN page | {node: properties(i.r), sort: i.sort}] AS items
}
RETURN key, total, items
