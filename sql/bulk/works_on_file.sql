-- The import file rows of WORKS_ON.
SELECT researcher AS ":START_ID(Researcher)", topic AS ":END_ID(Topic)",
       score AS "score:double" FROM works_on
