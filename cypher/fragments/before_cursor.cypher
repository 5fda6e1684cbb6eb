// The keyset condition of a page's far end: whether the sort key {sort} ([n1, n2, s, id, edge])
// comes strictly before the cursor `key.before` (null when the page runs to the end of the
// list), compared item by item: `after_cursor`'s condition the other way round. A page statement
// takes it as `{{ before_cursor(i.sort) }}`, usually through `page_window`.
// without before: true
(key.before IS NULL
  OR {sort}[0] < key.before[0] OR ({sort}[0] = key.before[0] AND ({sort}[1] < key.before[1]
  OR ({sort}[1] = key.before[1] AND ({sort}[2] < key.before[2]
  OR ({sort}[2] = key.before[2] AND ({sort}[3] < key.before[3]
  OR ({sort}[3] = key.before[3] AND {sort}[4] < key.before[4]))))))))
