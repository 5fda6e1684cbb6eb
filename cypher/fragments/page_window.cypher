// The page of a ranked list {ranked} (maps with `sort`, in sort order, every item of the list):
// its items strictly between the cursors `key.after` and `key.before` (the window), the first
// $limit of them, or with `key.backward` (a page asked for with `last`) the last $limit of
// them, in list order either way. A page statement takes it as `{{ page_window(ranked) }}`.
CASE WHEN key.backward
  THEN [w IN {ranked} WHERE {{ after_cursor(w.sort, key.after) }}
    AND {{ before_cursor(w.sort, key.before) }}][-$limit..]
  ELSE [w IN {ranked} WHERE {{ after_cursor(w.sort, key.after) }}
    AND {{ before_cursor(w.sort, key.before) }}][..$limit]
END
