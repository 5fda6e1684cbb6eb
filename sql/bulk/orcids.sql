-- The normalized ORCIDs, read from a JSON-lines file. In: $path. Out: orcids (id, o).
CREATE TEMP TABLE orcids AS SELECT * FROM read_json($path,
  format = 'newline_delimited', columns = {id: 'VARCHAR', o: 'VARCHAR'})
