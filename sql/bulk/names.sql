-- The distinct non-empty names of the researchers. Out: names (name).
CREATE TEMP TABLE names AS SELECT DISTINCT json_extract_string(props, '$.name') AS name
FROM node_final
WHERE kind = 'researcher' AND coalesce(json_extract_string(props, '$.name'), '') <> ''
