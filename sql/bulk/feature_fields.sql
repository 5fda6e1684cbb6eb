-- duplicates/features `fields` of the records of a table: the subfields and fields of their
-- works' topics, or the topic's name for a field-level topic. Slots: keys (a table of a).
-- Out: key, fields.
SELECT researcher, list(DISTINCT field) FROM (
  SELECT a.researcher, unnest(CASE
      WHEN json_extract(n.props, '$.level') IS NULL
        OR json_type(json_extract(n.props, '$.level')) = 'NULL'
      THEN [json_extract_string(n.props, '$.subfield'),
            json_extract_string(n.props, '$.field')]
      WHEN CAST(json_extract(n.props, '$.level') AS BIGINT) <= 1
      THEN [json_extract_string(n.props, '$.name')]
      ELSE [] END) AS field
  FROM authored a JOIN about t ON t.paper = a.paper
  JOIN node_final n ON n.kind = 'topic' AND n.id = t.topic
  WHERE a.researcher IN (SELECT a FROM {{ keys }}))
WHERE field IS NOT NULL GROUP BY researcher
