-- Ids given to nodes of two kinds: every record of another kind than the first read with the
-- id. Out: clashes (kind, id, seq, line, file, held, held_line, held_file).
CREATE TABLE clashes AS
WITH named AS (
  SELECT kind, id, seq, line, file FROM raw_nodes
  UNION ALL SELECT 'paper', id, seq, line, file FROM raw_papers),
held AS (
  SELECT id, arg_min(kind, seq) AS kind, arg_min(line, seq) AS line,
         arg_min(file, seq) AS file
  FROM named GROUP BY id HAVING count(DISTINCT kind) > 1)
SELECT DISTINCT n.kind, n.id, n.seq, n.line, n.file, h.kind AS held,
       h.line AS held_line, h.file AS held_file
FROM named n JOIN held h ON n.id = h.id AND n.kind <> h.kind
