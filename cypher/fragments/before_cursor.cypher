// The keyset condition of a page's far end: whether the sort key {sort} ([n1, n2, s, id, edge])
// comes strictly before the cursor {cursor} (`key.before`, null when the page runs to the end of
// the list), compared item by item: `after_cursor`'s condition the other way round. A page
// statement takes it as `{{ before_cursor(i.sort, key.before) }}`, usually through
// `page_window`.
// without before: true
({sort}[0] < {cursor}[0] OR ({sort}[0] = {cursor}[0] AND ({sort}[1] < {cursor}[1]
  OR ({sort}[1] = {cursor}[1] AND ({sort}[2] < {cursor}[2]
  OR ({sort}[2] = {cursor}[2] AND ({sort}[3] < {cursor}[3]
  OR ({sort}[3] = {cursor}[3] AND {sort}[4] < {cursor}[4])))))))
  OR {cursor}[0] IS NULL)
