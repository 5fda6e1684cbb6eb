// The keyset condition of every page: whether the sort key {sort} ([n1, n2, s, id, edge], the
// order every page statement sorts by) comes strictly after the page's cursor {cursor} (its
// sort key: `key.after`, null on a first page), compared item by item. No key item is ever null
// (a null would make the comparison null and drop the row): page statements coalesce missing
// names, titles and years, and a cursor is a whole key or null. `edge` tells apart two edges to
// one node (two stints at one institution), '' where a node is listed once. A page statement
// takes it as `{{ after_cursor(i.sort, key.after) }}` (see bzpeer_graphql/db/cypher.py); the key
// of its `UNWIND $keys` must be named `key`. A statement testing thousands of rows may give the
// cursor as a list of variables it has read from `key.after` once: `key.after[i]` is looked up
// again on every row, a list literal's items are put in place.
// without after: true
({sort}[0] > {cursor}[0] OR ({sort}[0] = {cursor}[0] AND ({sort}[1] > {cursor}[1]
  OR ({sort}[1] = {cursor}[1] AND ({sort}[2] > {cursor}[2]
  OR ({sort}[2] = {cursor}[2] AND ({sort}[3] > {cursor}[3]
  OR ({sort}[3] = {cursor}[3] AND {sort}[4] > {cursor}[4])))))))
  OR {cursor}[0] IS NULL)
