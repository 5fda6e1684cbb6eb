-- RELATED {shared} both ways, as cypher/ingest/related_changes keeps it.
-- Out: related (a, b, shared).
CREATE TABLE related AS
WITH t AS (SELECT DISTINCT paper, topic FROM about)
SELECT x.topic AS a, y.topic AS b, count(*) AS shared
FROM t x JOIN t y ON x.paper = y.paper AND x.topic <> y.topic
GROUP BY ALL
