// A page of all papers matching a filter, in one of the WorkOrder orders.
// In: $limit (largest first + 1), $keys [{id: "all", first, after: [n1, n2, s, id, edge] | null, order,
// withTotal, filtered, the filter's fields (`fragments/paper_filter`; titleContains lower case),
// anchored and the anchor lists (`fragments/paper_members`)}].
// Out: key, total (null unless withTotal), items [{node, citedByCount, sort}], unknown (the
// filter fields naming no node: `fragments/unknown_filter_ids`).
// $props: null for every property of a node as a map, else the values of $props in order;
// citedByCount only with $cites, sort only with $sorted.
// YEAR_DESC, the default, walks the year index down from the cursor, so a page reads at most one
// year's papers however deep it is; undated papers follow the dated ones. The other orders rank
// every match, so they cost the same on every page. Branches a key does not need are switched
// off through their index bounds (a null bound matches nothing and reads nothing): a `WHERE` on
// the key alone would only be checked after the scan. A filter naming authors, cited or citing
// papers, topics or institutions (`anchored`) starts from their papers instead (ranked in every
// order): a topic's 250 papers among 1M, which the year index would find only by testing every
// paper from the newest down.
UNWIND $keys AS key
CALL () {
  MATCH (p:Paper)
  RETURN count(p) AS papers
}
CALL (key) {
  CALL (key) {
    {{ paper_members(key.withTotal AND key.filtered) }}
    UNION ALL
    MATCH (p:Paper)
    WHERE p.id >= CASE WHEN key.withTotal AND key.filtered
      AND key.anchored IS NULL THEN '' END
    RETURN p
  }
  WITH key, p WHERE {{ paper_filter(p) }}
  RETURN count(p) AS matching
}
CALL (key) {
  // newest first, by the year index: dated papers from the cursor's year down
  MATCH (p:Paper)
  WHERE p.year <= CASE WHEN key.order = 'YEAR_DESC' AND (key.after IS NULL OR key.after[0] < 0)
      AND key.anchored IS NULL
      THEN coalesce(-key.after[0], key.yearTo, 2147483647) END
    AND p.year >= coalesce(key.yearFrom, -2147483648)
    AND {{ after_cursor([-p.year, 0, coalesce(p.title, ''), p.id, '']) }}
    AND {{ paper_filter(p) }}
  WITH p ORDER BY p.year DESC, coalesce(p.title, ''), p.id
  LIMIT $limit
  RETURN collect({p: p, cites: CASE WHEN $cites THEN COUNT { (p)<-[:CITES]-() } END,
      sort: [-p.year, 0, coalesce(p.title, ''), p.id, '']})
      AS dated
}
CALL (key, dated) {
  // every other order, the undated tail of YEAR_DESC (papers labelled :Undated) once the dated
  // papers run out, and every order of a filter's own papers
  CALL (key, dated) {
    {{ paper_members(true) }}
    UNION ALL
    MATCH (p:Paper)
    WHERE p.id >= CASE WHEN key.order <> 'YEAR_DESC' AND key.anchored IS NULL THEN '' END
    RETURN p
    UNION ALL
    MATCH (p:Undated)
    WHERE key.order = 'YEAR_DESC' AND size(dated) < $limit
      AND key.yearFrom IS NULL AND key.yearTo IS NULL AND key.anchored IS NULL
    RETURN p
  }
  WITH key, p
  WHERE {{ paper_filter(p) }}
  WITH p, CASE key.order
      WHEN 'YEAR_ASC' THEN [coalesce(p.year, 9999), 0]
      WHEN 'CITATIONS_DESC' THEN [-COUNT { (p)<-[:CITES]-() }, -coalesce(p.year, 0)]
      WHEN 'YEAR_DESC' THEN [-coalesce(p.year, 0), 0]
      ELSE [0, 0]
    END + [coalesce(p.title, ''), p.id, ''] AS sort
  WHERE {{ after_cursor(sort) }}
  WITH p, sort ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  LIMIT $limit
  RETURN collect({p: p, cites: CASE WHEN $cites THEN COUNT { (p)<-[:CITES]-() } END, sort: sort})
    AS ranked
}
RETURN key,
       CASE WHEN NOT key.withTotal THEN null WHEN key.filtered THEN matching ELSE papers END
         AS total,
       [i IN (dated + ranked)[0..$limit] | {
         node: CASE WHEN $props IS NULL THEN properties(i.p) ELSE [k IN $props | i.p[k]] END,
         citedByCount: i.cites, sort: CASE WHEN $sorted THEN i.sort END}] AS items,
       {{ unknown_filter_ids(key) }} AS unknown
