-- Sets the blocking keys of each name on every researcher of that name.
UPDATE node_final SET props = json_merge_patch(node_final.props, k.keys)
FROM name_keys k
WHERE node_final.kind = 'researcher'
  AND json_extract_string(node_final.props, '$.name') = k.name
