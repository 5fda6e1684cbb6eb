-- The import file rows of the absorbed records (:Merged, folded), an empty name marked as
-- the other empty strings are. In: $delimiter (between labels).
SELECT old AS "id:ID(Merged)", new AS mergedInto, true AS "folded:boolean", name,
       CASE WHEN name = '' THEN ['name'] END AS "bulkBlank:string[]",
       CASE WHEN name = '' THEN 'Merged' || $delimiter || 'BlankStrings' ELSE 'Merged' END
         AS ":LABEL" FROM folded
