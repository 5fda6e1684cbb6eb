-- The first fold read of each id the graph holds no researcher under, into a researcher it
-- holds, as cypher/ingest/record_folds leaves them. Out: folded (old, new, name).
CREATE TABLE folded AS
SELECT * FROM (SELECT old, first(new ORDER BY seq) AS new, first(name ORDER BY seq) AS name
               FROM raw_folds GROUP BY old) f
WHERE EXISTS (SELECT 1 FROM node_final n WHERE n.kind = 'researcher' AND n.id = f.new)
  AND NOT EXISTS (SELECT 1 FROM node_final n
                  WHERE n.kind = 'researcher' AND n.id = f.old)
