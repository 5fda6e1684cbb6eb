// Whether the ranked list {ranked} (in sort order) holds an item at or after the cursor
// `key.before`: items follow the window (false without `before`). Its last item tells.
(size({ranked}) > 0 AND NOT {{ before_cursor({ranked}[-1].sort, key.before) }})
