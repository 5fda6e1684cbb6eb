-- The researchers as blocking sees them: names, ORCID and name keys.
-- Out: res (id, name, variants, orcid, nk, alt, head, tail, near).
CREATE OR REPLACE TABLE res AS SELECT id,
  json_extract_string(props, '$.name') AS name,
  CAST(json_extract(props, '$.nameVariants') AS VARCHAR[]) AS variants,
  json_extract_string(props, '$.orcid') AS orcid,
  json_extract_string(props, '$.nameKey') AS nk,
  json_extract_string(props, '$.nameKeyAlt') AS alt,
  json_extract_string(props, '$.nameKeyHead') AS head,
  json_extract_string(props, '$.nameKeyTail') AS tail,
  CAST(json_extract(props, '$.nameKeyNear') AS VARCHAR[]) AS near
FROM node_final WHERE kind = 'researcher'
