-- The import file rows of the papers: properties, version date, empty strings, and labels
-- (:Undated without a year, :BlankStrings when the paper or an authorship has an empty
-- string). Slots: parsed, props, blank (the paper's), parsed_authorship, blank_authorship
-- (see node_file). In: $delimiter.
SELECT p.id AS "id:ID(Paper)", {{ props }}, date AS "updatedDate:string",
       CASE WHEN len(b) > 0 THEN b END AS "bulkBlank:string[]",
       concat_ws($delimiter, 'Paper',
         CASE WHEN json_extract(props, '$.year') IS NULL
                OR json_type(json_extract(props, '$.year')) = 'NULL' THEN 'Undated' END,
         CASE WHEN len(b) > 0 OR p.id IN (SELECT paper FROM (SELECT *, {{ parsed_authorship }}
                                          FROM authored) WHERE len({{ blank_authorship }}) > 0)
              THEN 'BlankStrings' END) AS ":LABEL"
FROM (SELECT *, {{ blank }} AS b FROM (SELECT *, {{ parsed }} FROM paper_w)) p
