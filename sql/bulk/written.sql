-- The versions of full records and of papers the writer writes when reading in input order:
-- each that is as new as every version of its record read before it (the later replace the
-- earlier). Out: written (kind, id, seq).
CREATE TABLE written AS
SELECT kind, id, seq FROM (
  SELECT kind, id, seq, date, max(date) OVER (PARTITION BY source, kind, id ORDER BY seq
           ROWS BETWEEN UNBOUNDED PRECEDING AND 1 PRECEDING) AS before
  FROM (SELECT 'nodes' AS source, kind, id, seq, date FROM ok_nodes WHERE NOT partial
        UNION ALL SELECT 'papers', 'paper', id, seq, date FROM ok_papers))
WHERE date IS NULL OR before IS NULL OR date >= before
