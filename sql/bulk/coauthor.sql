-- COAUTHOR {shared} both ways, as cypher/ingest/coauthor_changes keeps it.
-- Out: coauthor (a, b, shared).
CREATE TABLE coauthor AS
WITH a AS (SELECT DISTINCT paper, researcher FROM authored)
SELECT x.researcher AS a, y.researcher AS b, count(*) AS shared
FROM a x JOIN a y ON x.paper = y.paper AND x.researcher <> y.researcher
GROUP BY ALL
