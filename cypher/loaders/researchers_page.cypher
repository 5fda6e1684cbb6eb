// A page of all researchers matching a filter, in one of the ResearcherOrder orders.
// In: $limit (largest first + 1), $keys [{id: "all", first, after, before: [n1, n2, s, id, edge]
// | null, backward, order, withTotal, filtered, the filter's fields
// (`fragments/researcher_filter`; nameContains lower case), anchored and the anchor lists
// (`fragments/researcher_members`), windowFrom and windowTo (the years of WORKS_IN_WINDOW_DESC,
// both included)}].
// Out: key, earlier, later (whether items lie at or before `after`, at or after `before`: the
// item a cursor names, while the data is unchanged), total (null unless withTotal), items
// [{node, sort}], unknown (the filter fields naming no node: `fragments/unknown_filter_ids`);
// $props: null for every property of a node as a map, else the values of $props in order; sort
// only with $sorted.
// NAME_ASC, the default, walks the name index from the cursor on, so every page costs about the
// same; the orders by works, citations, citations per work and h-index rank every match (the
// same cost on every page), and so does the order by works in a window of years (each work
// once, however many authorships of theirs it holds). A branch a
// key does not need is switched off through its index bound (a null bound reads nothing).
// A filter naming institutions (else topics) starts from their members (their authors) instead
// of reading every researcher: an institution of 300 among 600,000 researchers. In NAME_ASC,
// researchers without a name follow the named ones. A page asked for with `last` (`backward`)
// or ending at `before` ranks every match, in every order.
UNWIND $keys AS key
CALL () {
  MATCH (r:Researcher)
  RETURN count(r) AS researchers
}
CALL (key) {
  CALL (key) {
    {{ researcher_members(key.withTotal AND key.filtered) }}
    UNION ALL
    MATCH (r:Researcher)
    WHERE r.id >= CASE WHEN key.withTotal AND key.filtered AND key.anchored IS NULL THEN '' END
    RETURN r
  }
  WITH key, r WHERE {{ researcher_filter(r) }}
  RETURN count(r) AS matching
}
CALL (key) {
  CALL (key) {
    // by name, through the name index, from the cursor on
    MATCH (r:Researcher)
    WHERE r.name >= CASE WHEN key.order = 'NAME_ASC' AND NOT key.backward AND key.before IS NULL
      AND key.anchored IS NULL AND coalesce(key.after[0], 0) = 0
      THEN coalesce(key.after[2], '') END
      AND {{ after_cursor([0, 0, r.name, r.id, ''], key.after) }}
      AND {{ researcher_filter(r) }}
    WITH r ORDER BY r.name, r.id
    LIMIT $limit
    RETURN r, [0, 0, r.name, r.id, ''] AS sort
    UNION ALL
    CALL (key) {
      {{ researcher_members((key.order = 'NAME_ASC' AND NOT key.backward AND key.before IS NULL)) }}
    }
    WITH key, r, CASE WHEN r.name IS NULL THEN [1, 0, '', r.id, '']
        ELSE [0, 0, r.name, r.id, ''] END AS sort
    WHERE {{ after_cursor(sort, key.after) }}
      AND {{ researcher_filter(r) }}
    WITH r, sort ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
    LIMIT $limit
    RETURN r, sort
  }
  WITH r, sort ORDER BY sort[0], sort[1], sort[2], sort[3], sort[4]
  RETURN collect({r: r, sort: sort}) AS named
}
CALL (key, named) {
  // researchers without a name follow the named ones ([1, 0, '', id]); no index holds a missing
  // name, so they are read (by the id index) only once the named ones run out, and never for a
  // filter on name words (which no unnamed researcher matches)
  MATCH (r:Researcher)
  WHERE r.id >= CASE WHEN key.order = 'NAME_ASC' AND NOT key.backward AND key.before IS NULL
      AND key.anchored IS NULL AND key.nameContains IS NULL
      AND size(named) < $limit THEN '' END
    AND r.name IS NULL
    AND {{ after_cursor([1, 0, '', r.id, ''], key.after) }}
    AND {{ researcher_filter(r) }}
  WITH r ORDER BY r.id
  LIMIT $limit
  RETURN collect({r: r, sort: [1, 0, '', r.id, '']}) AS unnamed
}
CALL (key) {
  // by works or by citations, and every page asked for with `last` (ranked the other way
  // round, `fragments/page_order`) or ending at `before`: rank every match
  CALL (key) {
    {{ researcher_members((key.order <> 'NAME_ASC' OR key.backward OR key.before IS NOT NULL)) }}
    UNION ALL
    MATCH (r:Researcher)
    WHERE r.id >= CASE WHEN (key.order <> 'NAME_ASC' OR key.backward OR key.before IS NOT NULL)
      AND key.anchored IS NULL THEN '' END
    RETURN r
  }
  WITH key, r WHERE {{ researcher_filter(r) }}
  // the citations of each of their works, most first (each work once however many authorships
  // of theirs it holds)
  WITH key, r, COLLECT {
      MATCH (r)-[:AUTHORED]->(p:Paper) WITH DISTINCT p
      WITH COUNT { (p)<-[:CITES]-() } AS c ORDER BY c DESC RETURN c
    } AS cites
  WITH key, r, CASE key.order
      WHEN 'CITATIONS_DESC' THEN [-reduce(n = 0, c IN cites | n + c), 0, coalesce(r.name, ''),
        r.id, '']
      WHEN 'CITATIONS_PER_WORK_DESC' THEN
        [CASE WHEN size(cites) = 0 THEN 0.0
          ELSE -toFloat(reduce(n = 0, c IN cites | n + c)) / size(cites) END, -size(cites),
          coalesce(r.name, ''), r.id, '']
      WHEN 'H_INDEX_DESC' THEN
        [-size([i IN range(0, size(cites) - 1) WHERE cites[i] >= i + 1]), -size(cites),
          coalesce(r.name, ''), r.id, '']
      WHEN 'WORKS_DESC' THEN [-size(cites), 0, coalesce(r.name, ''), r.id, '']
      WHEN 'WORKS_IN_WINDOW_DESC' THEN [-COUNT {
          MATCH (r)-[:AUTHORED]->(w:Paper) WHERE key.windowFrom <= w.year <= key.windowTo
          RETURN DISTINCT w
        }, -size(cites), coalesce(r.name, ''), r.id, '']
      ELSE CASE WHEN r.name IS NULL THEN [1, 0, '', r.id, ''] ELSE [0, 0, r.name, r.id, ''] END
    END AS sort
  WHERE {{ after_cursor(sort, key.after) }} AND {{ before_cursor(sort, key.before) }}
  WITH key, r, sort ORDER BY {{ page_order(sort) }}
  LIMIT $limit
  RETURN collect({r: r, sort: sort}) AS ranked
}
RETURN key, key.after IS NOT NULL AS earlier, key.before IS NOT NULL AS later,
       CASE WHEN NOT key.withTotal THEN null WHEN key.filtered THEN matching ELSE researchers END
         AS total,
       // a backward page's ranked items came the other way round
       [i IN (named + unnamed
           + CASE WHEN key.backward THEN reverse(ranked) ELSE ranked END)[0..$limit] | {
         node: CASE WHEN $props IS NULL THEN properties(i.r) ELSE [k IN $props | i.r[k]] END,
         sort: CASE WHEN $sorted THEN i.sort END}] AS items,
       {{ unknown_filter_ids(key) }} AS unknown
