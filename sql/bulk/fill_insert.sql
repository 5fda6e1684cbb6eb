-- Fills a table from a JSON-lines file, in one statement. Slots: table, columns (the struct of
-- column types). In: $path.
INSERT INTO {{ table }} SELECT * FROM read_json($path,
  format = 'newline_delimited', columns = {{ columns }})
