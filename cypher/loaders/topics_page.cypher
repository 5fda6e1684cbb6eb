// A page of all topics matching a filter, by name or by paper count (topics are few, so every match
// is ranked; every page costs the same). In: $limit (largest first + 1), $keys [{id: "all", first,
// after, before: [n1, n2, s, id, edge] | null, backward, order, withTotal, nameContains (lower
// case)}]. Out: key, total (null unless withTotal), earlier, later, items [{node, sort}]. The page:
// `fragments/page_window`; earlier, later: `fragments/earlier`, `later`.
UNWIND $keys AS key
CALL (key) {
  MATCH (t:Topic)
  WHERE key.nameContains IS NULL OR toLower(t.name) CONTAINS key.nameContains
  WITH t, CASE key.order
      WHEN 'PAPERS_DESC' THEN [-COUNT { (t)<-[:ABOUT]-() }, 0]
      ELSE [0, 0]
    END + [coalesce(t.name, ''), t.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({t: t, sort: sort}) AS ranked
  RETURN CASE WHEN key.withTotal THEN size(ranked) END AS total,
    {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
}
RETURN key, total, earlier, later, [i IN page | {node: properties(i.t), sort: i.sort}] AS items
