// A page of a researcher's works. In: $limit (largest first + 1 of the batch),
// $keys [{id, first, after: [n1, n2, s, id] | null, order, yearFrom, yearTo, type, venue,
// titleContains (lower case), topic, institution, author, isRetracted, openAccessStatus, language}].
// Out: key, total (matching the filter), items [{node, citedByCount, sort}] in sort order after
// the cursor.
// $props: null for every property of a node as a map, else the values of $props in order;
// citedByCount only with $cites, sort only with $sorted.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WHERE (key.yearFrom IS NULL OR p.year >= key.yearFrom)
    AND (key.yearTo IS NULL OR p.year <= key.yearTo)
    AND (key.type IS NULL OR p.type = key.type)
    AND (key.venue IS NULL OR p.venue = key.venue)
    AND (key.isRetracted IS NULL OR coalesce(p.isRetracted, false) = key.isRetracted)
    AND (key.openAccessStatus IS NULL OR p.openAccessStatus = key.openAccessStatus)
    AND (key.language IS NULL OR p.language = key.language)
    AND (key.titleContains IS NULL OR toLower(p.title) CONTAINS key.titleContains)
    AND (key.topic IS NULL OR EXISTS { (p)-[:ABOUT]->(:Topic {id: key.topic}) })
    AND (key.author IS NULL OR EXISTS { (p)<-[:AUTHORED]-(:Researcher {id: key.author}) })
    AND (key.institution IS NULL OR EXISTS {
      (p)<-[:AUTHORED]-(:Researcher)-[:AFFILIATED_WITH]->(:Institution {id: key.institution})
    })
  WITH p, CASE WHEN $cites OR key.order = 'CITATIONS_DESC' THEN COUNT { (p)<-[:CITES]-() } END
    AS cites
  WITH p, cites, CASE key.order
      WHEN 'YEAR_ASC' THEN [coalesce(p.year, 9999), 0]
      WHEN 'TITLE_ASC' THEN [0, 0]
      WHEN 'CITATIONS_DESC' THEN [-cites, -coalesce(p.year, 0)]
      ELSE [-coalesce(p.year, 0), 0]
    END + [coalesce(p.title, ''), p.id] AS sort
  ORDER BY sort[0], sort[1], sort[2], sort[3]
  WITH collect({p: p, cites: cites, sort: sort}) AS ranked
  WITH size(ranked) AS total, [i IN ranked WHERE {{ after_cursor(i.sort) }}][0..$limit] AS page
  RETURN total, [i IN page | {
      node: CASE WHEN $props IS NULL THEN properties(i.p) ELSE [k IN $props | i.p[k]] END,
      citedByCount: i.cites, sort: CASE WHEN $sorted THEN i.sort END}] AS items
}
RETURN key, total, items
