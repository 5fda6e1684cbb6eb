-- The import file rows of COAUTHOR.
SELECT a AS ":START_ID(Researcher)", b AS ":END_ID(Researcher)", shared AS "shared:long"
FROM coauthor
