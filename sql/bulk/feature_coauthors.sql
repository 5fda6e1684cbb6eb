-- duplicates/features `coauthors` of the records of a table. Slots: keys (a table of a).
-- Out: key, coauthors.
SELECT a, list(b) FROM coauthor WHERE a IN (SELECT a FROM {{ keys }}) GROUP BY a
