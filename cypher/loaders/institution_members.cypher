// A page of an institution's researchers by name. In: $limit (largest first + 1), $keys [{id,
// first, after, before: [n1, n2, s, id, edge] | null, backward, current: bool | null}]. Out: key,
// total, earlier, later, items [{node, current, since, until, sort}]. The page:
// `fragments/page_window`; earlier, later: `fragments/earlier`, `later`.
UNWIND $keys AS key
MATCH (i:Institution {id: key.id})
CALL (i, key) {
  MATCH (r:Researcher)-[a:AFFILIATED_WITH]->(i)
  WHERE key.current IS NULL OR coalesce(a.current, false) = key.current
  WITH r, a, [0, 0, coalesce(r.name, ''), r.id, elementId(a)] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({r: r, a: a, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later,
    [i IN page | {node: properties(i.r), current: coalesce(i.a.current, false),
      since: i.a.since, until: i.a.until, sort: i.sort}] AS items
}
RETURN key, total, earlier, later, items
