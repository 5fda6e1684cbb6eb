-- Adds to affiliated the affiliations read off works ('works', the years of the works), for
-- researchers without a record of their own.
INSERT INTO affiliated
SELECT a.researcher, i.institution, false, min(y.year), max(y.year), 'works'
FROM (SELECT researcher, paper, unnest(CAST(json_extract(props, '$.institutions')
        AS VARCHAR[])) AS institution FROM authored) i
JOIN authored a ON a.researcher = i.researcher AND a.paper = i.paper
JOIN (SELECT id, CAST(json_extract(props, '$.year') AS BIGINT) AS year FROM paper_w) y
  ON y.id = a.paper
WHERE EXISTS (SELECT 1 FROM node_final r WHERE r.kind = 'researcher'
              AND r.id = a.researcher AND r.updatedDate IS NULL)
  AND EXISTS (SELECT 1 FROM node_final n WHERE n.kind = 'institution'
              AND n.id = i.institution)
GROUP BY a.researcher, i.institution
