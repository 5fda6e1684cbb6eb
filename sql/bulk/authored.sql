-- AUTHORED of the papers kept, each authorship's position its own or its place in the list.
-- Out: authored (paper, researcher, position, props).
CREATE TABLE authored AS
SELECT paper, a.id AS researcher, coalesce(CAST(json_extract(a.props, '$.position')
         AS BIGINT), i) AS position, a.props AS props
FROM (SELECT id AS paper,
             unnest(from_json(authorships, '[{"id": "VARCHAR", "props": "JSON"}]')) AS a,
             unnest(range(1, CAST(json_array_length(authorships) AS BIGINT) + 1)) AS i
      FROM paper_w)
