-- References to a record the input lacks, or only to one whose id another kind holds, each
-- with its first line. Out: dangling (kind, id, line).
CREATE TABLE dangling AS
SELECT r.kind, r.id, min(r.line) AS line FROM raw_refs r
WHERE NOT EXISTS (SELECT 1 FROM raw_nodes n
                  WHERE n.kind = r.kind AND n.id = r.id AND NOT n.partial
                    AND n.seq NOT IN (SELECT seq FROM clashes))
  AND NOT (r.kind = 'paper' AND EXISTS (SELECT 1 FROM raw_papers p WHERE p.id = r.id
                                        AND p.seq NOT IN (SELECT seq FROM clashes)))
GROUP BY ALL
