// A page of the researchers of a topic, most works on it first. In: $limit (largest first + 1),
// $keys [{id, first, after, before: [n1, n2, s, id, edge] | null, backward}]. Out: key, total,
// earlier, later, items [{node, works, sort}]. The page: `fragments/page_window`; earlier, later:
// `fragments/earlier`, `later`.
UNWIND $keys AS key
MATCH (t:Topic {id: key.id})
CALL (t, key) {
  MATCH (r:Researcher)-[:AUTHORED]->(p:Paper)-[:ABOUT]->(t)
  WITH r, count(DISTINCT p) AS works
  WITH r, works, [-works, 0, coalesce(r.name, ''), r.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({r: r, works: works, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later,
    [i IN page | {node: properties(i.r), works: i.works, sort: i.sort}] AS items
}
RETURN key, total, earlier, later, items
