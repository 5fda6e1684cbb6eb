-- duplicates/features `network` (coauthors' coauthors) of the records of a table, as far as
-- likeness reads it: `_network` looks in a record's network only for the coauthors of the
-- record it is paired with (wanted), so each network keeps just those. A whole network is
-- about a thousand ids; this keeps the join to the pairs' coauthors, once for every pair.
-- Slots: keys (a table of a). Out: key, network.
WITH partner AS (SELECT a AS k, b AS p FROM wanted UNION SELECT b, a FROM wanted),
     reach AS (SELECT DISTINCT w.k, c.b AS m FROM partner w JOIN coauthor c ON c.a = w.p
               WHERE c.b <> w.k),
     own AS (SELECT a, b FROM coauthor WHERE a IN (SELECT a FROM {{ keys }}))
SELECT r.k, list(DISTINCT r.m) FROM reach r
JOIN coauthor y ON y.b = r.m
JOIN own x ON x.a = r.k AND x.b = y.a
GROUP BY r.k
