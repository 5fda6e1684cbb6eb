-- The readings of every name, read from the JSON-lines file the name pass wrote. Slots:
-- columns (the struct of column types). In: $path. Out: name_readings.
CREATE OR REPLACE TABLE name_readings AS SELECT * FROM read_json(
  $path, format = 'newline_delimited', columns = {{ columns }})
