-- One staging table as `stage` wrote it, read from its JSON-lines files. Slots: table,
-- columns (the struct of column types). In: $files (a glob). Out: raw_<table>.
CREATE TABLE raw_{{ table }} AS SELECT * FROM read_json(
  $files, format = 'newline_delimited', columns = {{ columns }})
