// The keyset condition of every page: whether the sort key {sort} ([n1, n2, s, id, edge], the
// order every page statement sorts by) comes strictly after the page's cursor, `key.after` (null
// on a first page), compared item by item. No key item is ever null (a null would make the
// comparison null and drop the row): page statements coalesce missing names, titles and years.
// `edge` tells apart two edges to one node (two stints at one institution), '' where a node is
// listed once. A page statement takes it as `{{ after_cursor(i.sort) }}` (see
// bzpeer_graphql/db/cypher.py); the key of its `UNWIND $keys` must be named `key`.
// without after: true
(key.after IS NULL
  OR {sort}[0] > key.after[0] OR ({sort}[0] = key.after[0] AND ({sort}[1] > key.after[1]
  OR ({sort}[1] = key.after[1] AND ({sort}[2] > key.after[2]
  OR ({sort}[2] = key.after[2] AND ({sort}[3] > key.after[3]
  OR ({sort}[3] = key.after[3] AND {sort}[4] > key.after[4]))))))))
