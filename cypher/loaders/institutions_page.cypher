// A page of all institutions matching a filter, by name or by member count (every match is ranked,
// so every page costs the same). In: $limit (largest first + 1), $keys [{id: "all", first, after,
// before: [n1, n2, s, id, edge] | null, backward, order, withTotal, nameContains (lower case),
// country}]. Out: key, total (null unless withTotal), earlier, later, items [{node, sort}]. The
// page: `fragments/page_window`; earlier, later: `fragments/earlier`, `later`.
UNWIND $keys AS key
CALL (key) {
  MATCH (i:Institution)
  WHERE (key.nameContains IS NULL OR toLower(i.name) CONTAINS key.nameContains)
    AND (key.country IS NULL OR i.country = key.country)
  WITH i, CASE key.order
      // people, each once however many stints they had there
      WHEN 'MEMBERS_DESC' THEN [-size(COLLECT {
          MATCH (r:Researcher)-[:AFFILIATED_WITH]->(i) RETURN DISTINCT r.id }), 0]
      ELSE [0, 0]
    END + [coalesce(i.name, ''), i.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({i: i, sort: sort}) AS ranked
  RETURN CASE WHEN key.withTotal THEN size(ranked) END AS total,
    {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
}
RETURN key, total, earlier, later, [x IN page | {node: properties(x.i), sort: x.sort}] AS items
