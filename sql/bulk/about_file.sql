-- The import file rows of ABOUT.
SELECT paper AS ":START_ID(Paper)", topic AS ":END_ID(Topic)", score AS "score:double"
FROM about
