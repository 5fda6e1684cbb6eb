// One statement of a bundle (bzpeer_graphql/db/bundle.py): the statement runs as a subquery
// and its rows come back as one list of maps, in the statement's order (the aggregation has no
// grouping key, so the part gives one row even when the statement gives none). Placeholders,
// filled once per combination of files: STATEMENT (its parameters renamed to the part's own),
// ROW (a map of its columns), NAME (the list's name).
CALL () {
  CALL () {
STATEMENT
  }
  RETURN collect(ROW) AS NAME
}
