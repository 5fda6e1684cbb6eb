// The ORDER BY of a page statement that ranks its own rows by the sort key {sort} and keeps
// `LIMIT $limit` of them: the list's order, or with `key.backward` (a page asked for with
// `last`) the reverse, so that the limit keeps the last items of the window (the statement
// reverses them back into list order). All rows of one key go one way: the other way's
// expressions are null on each of them. Takes `key` among the variables the rows carry.
CASE WHEN key.backward THEN null ELSE {sort}[0] END,
CASE WHEN key.backward THEN null ELSE {sort}[1] END,
CASE WHEN key.backward THEN null ELSE {sort}[2] END,
CASE WHEN key.backward THEN null ELSE {sort}[3] END,
CASE WHEN key.backward THEN null ELSE {sort}[4] END,
CASE WHEN key.backward THEN {sort}[0] END DESC,
CASE WHEN key.backward THEN {sort}[1] END DESC,
CASE WHEN key.backward THEN {sort}[2] END DESC,
CASE WHEN key.backward THEN {sort}[3] END DESC,
CASE WHEN key.backward THEN {sort}[4] END DESC
