// A bundle part whose keys come from an earlier part's nodes (bzpeer_graphql/db/bundle.py):
// the distinct ids of the nodes SOURCE holds (IDS), each made a key the statement takes once
// per map of $NAME_templates (WIRE: the id itself, or the map with the id set), then the
// statement with its `$keys` read from those keys. Besides its rows (NAME) it gives, in one
// order, the id, the template's index and the key it ran for (NAME_ids, NAME_which, NAME_keys).
// Placeholders: SOURCE, IDS, WIRE, NAME, STATEMENT, ROW.
CALL (SOURCE) {
  UNWIND IDS AS id
  WITH DISTINCT id WHERE id IS NOT NULL
  UNWIND range(0, size($NAME_templates) - 1) AS which
  WITH id, which, $NAME_templates[which] AS template
  RETURN collect(id) AS NAME_ids, collect(which) AS NAME_which, collect(WIRE) AS NAME_keys
}
CALL (NAME_keys) {
  CALL (NAME_keys) {
STATEMENT
  }
  RETURN collect(ROW) AS NAME
}
