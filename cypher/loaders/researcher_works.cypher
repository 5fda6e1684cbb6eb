// A page of a researcher's works. In: $limit (largest first + 1 of the batch), $keys [{id, first,
// after, before: [n1, n2, s, id, edge] | null, backward, order, yearFrom, yearTo, type, venue,
// titleContains (lower case), topic, institution, authorEverAffiliatedWith, author, isRetracted,
// openAccessStatus, language}] (the filter: `fragments/paper_filter`). Out: key, total (matching
// the filter), earlier, later, items [{node, citedByCount, sort}] in sort order,
// unknown (the filter fields naming no node: `fragments/unknown_filter_ids`). $props: null for
// every property of a node as a map, else the values of $props in order; citedByCount only with
// $cites, sort only with $sorted. The page: `fragments/page_window`; earlier, later:
// `fragments/earlier`, `later`.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  // a work once, however many authorships of theirs it holds
  WITH DISTINCT key, p
  WHERE {{ paper_filter(p, '') }}
  WITH p, CASE WHEN $cites OR key.order = 'CITATIONS_DESC' THEN COUNT { (p)<-[:CITES]-() } END
    AS cites
  WITH p, cites, CASE key.order
      WHEN 'YEAR_ASC' THEN [coalesce(p.year, 9999), 0]
      WHEN 'TITLE_ASC' THEN [0, 0]
      WHEN 'CITATIONS_DESC' THEN [-cites, -coalesce(p.year, 0)]
      ELSE [-coalesce(p.year, 0), 0]
    END + [coalesce(p.title, ''), p.id, ''] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  WITH collect({p: p, cites: cites, sort: sort}) AS ranked
  WITH size(ranked) AS total, {{ page_window(ranked) }} AS page,
    {{ earlier(ranked) }} AS earlier, {{ later(ranked) }} AS later
  RETURN total, earlier, later, [i IN page | {
      node: CASE WHEN $props IS NULL THEN properties(i.p) ELSE [k IN $props | i.p[k]] END,
      citedByCount: i.cites, sort: CASE WHEN $sorted THEN i.sort END}] AS items
}
RETURN key, total, earlier, later, items, {{ unknown_filter_ids(key) }} AS unknown
