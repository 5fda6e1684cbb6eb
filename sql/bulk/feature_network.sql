-- duplicates/features `network` (coauthors' coauthors) of the records of a table.
-- Slots: keys (a table of a). Out: key, network.
SELECT x.a, list(DISTINCT y.b) FROM coauthor x JOIN coauthor y ON y.a = x.b
WHERE x.a IN (SELECT a FROM {{ keys }}) AND y.b <> x.a GROUP BY x.a
