-- duplicates/features `topics` of the records of a table. Slots: keys (a table of a).
-- Out: key, topics.
SELECT a.researcher, list(DISTINCT t.topic) FROM authored a
JOIN about t ON t.paper = a.paper
WHERE a.researcher IN (SELECT a FROM {{ keys }}) GROUP BY a.researcher
