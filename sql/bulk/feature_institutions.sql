-- duplicates/features `institutions` of the records of a table. Slots: keys (a table of a).
-- Out: key, institutions.
SELECT researcher, list(DISTINCT institution) FROM affiliated
WHERE researcher IN (SELECT a FROM {{ keys }}) GROUP BY researcher
