-- The duplicate candidate pairs' CSV as the import file: typed lists (a field left empty
-- stays absent), every value read back exactly. In: $path (the CSV), $delimiter (between
-- list items).
SELECT a AS ":START_ID(Researcher)", b AS ":END_ID(Researcher)",
       CAST(score AS DOUBLE) AS "score:double",
       CASE WHEN coalesce(reasons, '') <> '' THEN list_transform(string_split(reasons,
         $delimiter), lambda x: CAST(x AS VARCHAR)) END AS "reasons:string[]",
       CASE WHEN coalesce(counts, '') <> '' THEN list_transform(string_split(counts,
         $delimiter), lambda x: CAST(x AS BIGINT)) END AS "counts:long[]",
       CASE WHEN coalesce(weights, '') <> '' THEN list_transform(string_split(weights,
         $delimiter), lambda x: CAST(x AS DOUBLE)) END AS "weights:double[]"
FROM read_csv($path, header = true, quote = '"', escape = '"', delim = ',',
              columns = {'a': 'VARCHAR', 'b': 'VARCHAR', 'score': 'VARCHAR',
                         'reasons': 'VARCHAR', 'counts': 'VARCHAR', 'weights': 'VARCHAR'})
