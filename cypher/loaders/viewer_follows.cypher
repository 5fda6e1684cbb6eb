// A page of the researchers a user follows, most recently followed first. In: $limit (largest first
// + 1), $keys [{id (user id), first, after, before: [n1, n2, s, id, edge] | null, backward}]. Out:
// key, total, earlier, later, items [{node, sort}]. The page: `fragments/page_window`; earlier,
// later: `fragments/earlier`, `later`.
UNWIND $keys AS key
OPTIONAL MATCH (u:User {id: key.id})
CALL (u, key) {
  OPTIONAL MATCH (u)-[f:FOLLOWS]->(r:Researcher)
  WITH r, [-coalesce(f.at.epochMillis, 0), 0, coalesce(r.name, ''), r.id, ''] AS sort
  WHERE r IS NOT NULL
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({r: r, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later, [i IN page | {node: properties(i.r), sort: i.sort}] AS items
}
RETURN key, total, earlier, later, items
