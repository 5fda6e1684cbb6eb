-- The readings of every spelling, with the first letter of the first given name: those of
-- name_readings and those of the variants, read from a JSON-lines file. Slots: columns (the
-- struct of column types of name_readings). In: $path. Out: rd.
CREATE TEMP TABLE rd AS
SELECT *, left(g, 1) AS g0 FROM name_readings
UNION ALL
SELECT *, left(g, 1) FROM read_json($path, format = 'newline_delimited',
                                    columns = {{ columns }})
