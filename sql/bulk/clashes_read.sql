-- The clashes as reported, in input order.
-- Out: kind, id, line, file, held, held_line, held_file.
SELECT DISTINCT kind, id, line, file, held, held_line, held_file FROM clashes
ORDER BY file, line, kind, id
