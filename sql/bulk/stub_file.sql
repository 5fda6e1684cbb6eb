-- The import file rows of the works cited but not read (:Stub).
SELECT DISTINCT cited AS "id:ID(Paper)", 'Stub' AS ":LABEL" FROM cites
WHERE cited NOT IN (SELECT id FROM paper_w)
