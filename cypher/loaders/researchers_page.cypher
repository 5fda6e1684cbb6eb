// A page of all researchers matching a filter, in one of the ResearcherOrder orders.
// In: $limit (largest first + 1), $keys [{id: "all", first, after: [n1, n2, s, id] | null, order,
// withTotal, filtered, nameContains (lower case), institution, topic, openToCollaborate}].
// Out: key, total (null unless withTotal), items [{node, sort}]; $props: null for every property
// of a node as a map, else the values of $props in order; sort only with $sorted.
// NAME_ASC, the default, walks the name index from the cursor on, so every page costs about the
// same; WORKS_DESC and CITATIONS_DESC rank every match (the same cost on every page). A branch a
// key does not need is switched off through its index bound (a null bound reads nothing).
UNWIND $keys AS key
CALL () {
  MATCH (r:Researcher)
  RETURN count(r) AS researchers
}
CALL (key) {
  MATCH (r:Researcher)
  WHERE r.id >= CASE WHEN key.withTotal AND key.filtered THEN '' END
    AND (key.nameContains IS NULL OR toLower(r.name) CONTAINS key.nameContains)
    AND (key.openToCollaborate IS NULL OR r.openToCollaborate = key.openToCollaborate)
    AND (key.institution IS NULL
      OR EXISTS { (r)-[:AFFILIATED_WITH]->(:Institution {id: key.institution}) })
    AND (key.topic IS NULL
      OR EXISTS { (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: key.topic}) })
  RETURN count(r) AS matching
}
CALL (key) {
  // by name, through the name index, from the cursor on
  MATCH (r:Researcher)
  WHERE r.name >= CASE WHEN key.order = 'NAME_ASC' THEN coalesce(key.after[2], '') END
    AND {{ after_cursor([0, 0, r.name, r.id]) }}
    AND (key.nameContains IS NULL OR toLower(r.name) CONTAINS key.nameContains)
    AND (key.openToCollaborate IS NULL OR r.openToCollaborate = key.openToCollaborate)
    AND (key.institution IS NULL
      OR EXISTS { (r)-[:AFFILIATED_WITH]->(:Institution {id: key.institution}) })
    AND (key.topic IS NULL
      OR EXISTS { (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: key.topic}) })
  WITH r ORDER BY r.name, r.id
  LIMIT $limit
  RETURN collect({r: r, sort: [0, 0, r.name, r.id]}) AS named
}
CALL (key) {
  // by works or by citations: rank every match
  MATCH (r:Researcher)
  WHERE r.id >= CASE WHEN key.order <> 'NAME_ASC' THEN '' END
    AND (key.nameContains IS NULL OR toLower(r.name) CONTAINS key.nameContains)
    AND (key.openToCollaborate IS NULL OR r.openToCollaborate = key.openToCollaborate)
    AND (key.institution IS NULL
      OR EXISTS { (r)-[:AFFILIATED_WITH]->(:Institution {id: key.institution}) })
    AND (key.topic IS NULL
      OR EXISTS { (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: key.topic}) })
  WITH r, key, COUNT { (r)-[:AUTHORED]->() } AS works
  WITH r, CASE key.order
      WHEN 'CITATIONS_DESC' THEN [-reduce(n = 0, c IN COLLECT {
          MATCH (r)-[:AUTHORED]->(p:Paper) RETURN COUNT { (p)<-[:CITES]-() }
        } | n + c), 0]
      ELSE [-works, 0]
    END + [coalesce(r.name, ''), r.id] AS sort
  WHERE {{ after_cursor(sort) }}
  WITH r, sort ORDER BY sort[0], sort[1], sort[2], sort[3]
  LIMIT $limit
  RETURN collect({r: r, sort: sort}) AS ranked
}
RETURN key,
       CASE WHEN NOT key.withTotal THEN null WHEN key.filtered THEN matching ELSE researchers END
         AS total,
       [i IN named + ranked | {
         node: CASE WHEN $props IS NULL THEN properties(i.r) ELSE [k IN $props | i.r[k]] END,
         sort: CASE WHEN $sorted THEN i.sort END}] AS items
