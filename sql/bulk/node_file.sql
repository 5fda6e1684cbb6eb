-- The import file rows of the nodes of one kind: their properties, version dates, the names
-- of their empty strings (`bulkBlank`, absent when none) and labels (:BlankStrings when
-- some). Slots: label, parsed (the properties read out of `props` once), props (the typed
-- property columns), blank (the list of empty string names). In: $kind, $delimiter
-- (between labels).
SELECT id AS "id:ID({{ label }})", {{ props }},
       updatedDate AS "updatedDate:string", seenDate AS "seenDate:string",
       CASE WHEN len(b) > 0 THEN b END AS "bulkBlank:string[]",
       CASE WHEN len(b) > 0 THEN '{{ label }}' || $delimiter || 'BlankStrings'
            ELSE '{{ label }}' END AS ":LABEL"
FROM (SELECT *, {{ blank }} AS b
      FROM (SELECT *, {{ parsed }} FROM node_final WHERE kind = $kind))
