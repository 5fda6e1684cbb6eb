-- The references to nothing as reported, in input order. Out: kind, id, line.
SELECT kind, id, line FROM dangling ORDER BY line, kind, id
