-- duplicates/features `firstYear`, `lastYear` of the records of a table. Slots: keys (a
-- table of a). Out: key, [first, last].
SELECT a.researcher, [min(y.year), max(y.year)] FROM authored a
JOIN (SELECT id, CAST(json_extract(props, '$.year') AS BIGINT) AS year FROM paper_w) y
  ON y.id = a.paper
WHERE a.researcher IN (SELECT a FROM {{ keys }}) GROUP BY a.researcher
