// A page of a researcher's coauthors, most shared works first. In: $limit (largest first + 1),
// $keys [{id, first, after, before: [n1, n2, s, id, edge] | null, backward, minShared}]. Out: key,
// total, earlier, later, items [{node, sharedWorks, sort}]. $props: as in researchers_by_id; sort
// only with $sorted. The page: `fragments/page_window`; earlier, later: `fragments/earlier`,
// `later`.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  MATCH (r)-[k:COAUTHOR]->(c:Researcher)
  WHERE k.shared >= key.minShared
  WITH c, k.shared AS shared
  WITH c, shared, [-shared, 0, coalesce(c.name, ''), c.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({c: c, shared: shared, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later, [i IN page | {
      node: CASE WHEN $props IS NULL THEN properties(i.c) ELSE [k IN $props | i.c[k]] END,
      sharedWorks: i.shared, sort: CASE WHEN $sorted THEN i.sort END}] AS items
}
RETURN key, total, earlier, later, items
