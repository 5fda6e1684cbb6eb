-- The import file rows of RELATED.
SELECT a AS ":START_ID(Topic)", b AS ":END_ID(Topic)", shared AS "shared:long" FROM related
