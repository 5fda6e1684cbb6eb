-- The import file rows of AUTHORED, with the names of their empty strings. Slots: parsed
-- (the properties read out of `props` once), props (the typed property columns), blank (the
-- list of empty string names).
SELECT researcher AS ":START_ID(Researcher)", paper AS ":END_ID(Paper)",
       position AS "position:long", {{ props }},
       CASE WHEN len(b) > 0 THEN b END AS "bulkBlank:string[]"
FROM (SELECT *, {{ blank }} AS b FROM (SELECT *, {{ parsed }} FROM authored))
