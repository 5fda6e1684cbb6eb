// Whether the ranked list {ranked} (in sort order) holds an item at or before the cursor
// `key.after`: items precede the window (false without `after`). Its first item tells.
(size({ranked}) > 0 AND NOT {{ after_cursor({ranked}[0].sort, key.after) }})
