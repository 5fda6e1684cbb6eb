// A page of all papers matching a filter, in one of the WorkOrder orders.
// In: $limit (largest first + 1), $keys [{id: "all", first, after, before: [n1, n2, s, id, edge]
// | null, backward, order, withTotal, filtered, the filter's fields (`fragments/paper_filter`;
// titleContains lower case), anchored and the anchor lists (`fragments/paper_members`),
// anchorHolds, untested and linked (`loaders/filters.anchored`), countOnly}].
// Out: key, earlier, later (whether items lie at or before `after`, at or after `before`: the
// item a cursor names, while the data is unchanged), total (null unless withTotal), items
// [{node, citedByCount, sort}], unknown (the filter fields naming no node:
// `fragments/unknown_filter_ids`).
// $props: null for every property of a node as a map, else the values of $props in order;
// citedByCount only with $cites, sort only with $sorted.
// YEAR_DESC, the default, walks the year index down from the cursor, so a page reads at most one
// year's papers however deep it is; undated papers follow the dated ones. The other orders rank
// every match, so they cost the same on every page. Branches a key does not need are switched
// off through their index bounds (a null bound matches nothing and reads nothing): a `WHERE` on
// the key alone would only be checked after the scan. A filter naming authors, cited or citing
// papers, topics or institutions (`anchored`) starts from their papers instead (ranked in every
// order): a topic's 250 papers among 1M, which the year index would find only by testing every
// paper from the newest down. A page asked for with `last` (`backward`) or ending at `before`
// ranks every match, in every order. A key asking only for the count (`countOnly`) reads no
// items: every item branch is switched off.
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
  WITH key, p WHERE key.untested OR {{ paper_filter(p, key.anchorHolds) }}
  RETURN count(p) AS matching
}
CALL (key) {
  // newest first, by the year index: dated papers from the cursor's year down; a key without
  // a filter walks without testing one (the test costs about a fifth of a page read unfiltered).
  // The cursor's items are read from the key once (a0-a4): the walk tests every paper of the
  // cursor's year (6,140 of 100k papers), and reading `key.after[i]` on each made a deep page's
  // statement half as slow again as a first page's
  CALL (key) {
    WITH key, key.after[0] AS a0, key.after[1] AS a1, key.after[2] AS a2, key.after[3] AS a3,
         key.after[4] AS a4
    MATCH (p:Paper)
    WHERE p.year <= CASE WHEN key.order = 'YEAR_DESC' AND NOT key.backward AND key.before IS NULL
        AND (key.after IS NULL OR key.after[0] < 0) AND NOT key.filtered
        AND key.countOnly IS NULL
        THEN coalesce(-key.after[0], 2147483647) END
      AND {{ after_cursor([-p.year, 0, coalesce(p.title, ''), p.id, ''], [a0, a1, a2, a3, a4]) }}
    WITH p ORDER BY p.year DESC, coalesce(p.title, ''), p.id
    LIMIT $limit
    RETURN p
    UNION ALL
    WITH key, key.after[0] AS a0, key.after[1] AS a1, key.after[2] AS a2, key.after[3] AS a3,
         key.after[4] AS a4
    MATCH (p:Paper)
    WHERE p.year <= CASE WHEN key.order = 'YEAR_DESC' AND NOT key.backward AND key.before IS NULL
        AND (key.after IS NULL OR key.after[0] < 0)
        AND key.anchored IS NULL AND key.filtered AND key.countOnly IS NULL
        THEN coalesce(-key.after[0], key.yearTo, 2147483647) END
      AND p.year >= coalesce(key.yearFrom, -2147483648)
      AND {{ after_cursor([-p.year, 0, coalesce(p.title, ''), p.id, ''], [a0, a1, a2, a3, a4]) }}
      AND {{ paper_filter(p, '') }}
    WITH p ORDER BY p.year DESC, coalesce(p.title, ''), p.id
    LIMIT $limit
    RETURN p
  }
  WITH p ORDER BY p.year DESC, coalesce(p.title, ''), p.id
  RETURN collect({p: p, cites: CASE WHEN $cites THEN COUNT { (p)<-[:CITES]-() } END,
      sort: [-p.year, 0, coalesce(p.title, ''), p.id, '']})
      AS dated
}
CALL (key, dated) {
  // every other order, the undated tail of YEAR_DESC (papers labelled :Undated) once the dated
  // papers run out, every order of a filter's own papers, and every page asked for with `last`
  // (ranked the other way round, `fragments/page_order`) or ending at `before`
  CALL (key, dated) {
    {{ paper_members(key.countOnly IS NULL) }}
    UNION ALL
    MATCH (p:Paper)
    WHERE p.id >= CASE WHEN (key.order <> 'YEAR_DESC' OR key.backward OR key.before IS NOT NULL)
      AND key.anchored IS NULL AND key.countOnly IS NULL THEN '' END
    RETURN p
    UNION ALL
    MATCH (p:Undated)
    WHERE key.order = 'YEAR_DESC' AND NOT key.backward AND key.before IS NULL
      AND size(dated) < $limit
      AND key.yearFrom IS NULL AND key.yearTo IS NULL AND key.anchored IS NULL
      AND key.countOnly IS NULL
    RETURN p
  }
  WITH key, p
  WHERE key.untested OR {{ paper_filter(p, key.anchorHolds) }}
  WITH key, p, CASE key.order
      WHEN 'YEAR_ASC' THEN [coalesce(p.year, 9999), 0]
      WHEN 'CITATIONS_DESC' THEN [-COUNT { (p)<-[:CITES]-() }, -coalesce(p.year, 0)]
      WHEN 'TITLE_ASC' THEN [0, 0]
      ELSE [-coalesce(p.year, 0), 0]
    END + [coalesce(p.title, ''), p.id, ''] AS sort
  WHERE {{ after_cursor(sort, key.after) }} AND {{ before_cursor(sort, key.before) }}
  WITH key, p, sort ORDER BY {{ page_order(sort) }}
  LIMIT $limit
  RETURN collect({p: p, cites: CASE WHEN $cites THEN COUNT { (p)<-[:CITES]-() } END, sort: sort})
    AS ranked
}
RETURN key, key.after IS NOT NULL AS earlier, key.before IS NOT NULL AS later,
       CASE WHEN NOT key.withTotal THEN null WHEN key.filtered THEN matching ELSE papers END
         AS total,
       // a backward page's ranked items came the other way round
       [i IN (dated + CASE WHEN key.backward THEN reverse(ranked) ELSE ranked END)[0..$limit]
         | {
         node: CASE WHEN $props IS NULL THEN properties(i.p) ELSE [k IN $props | i.p[k]] END,
         citedByCount: i.cites, sort: CASE WHEN $sorted THEN i.sort END}] AS items,
       {{ unknown_filter_ids(key) }} AS unknown
