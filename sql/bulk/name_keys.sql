-- The blocking keys of each name, read from the JSON-lines file the name pass wrote.
-- In: $path. Out: name_keys (name, keys).
CREATE TABLE name_keys AS SELECT * FROM read_json(
  $path, format = 'newline_delimited', columns = {name: 'VARCHAR', keys: 'JSON'})
