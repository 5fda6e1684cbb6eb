-- The import file rows of CITES.
SELECT paper AS ":START_ID(Paper)", cited AS ":END_ID(Paper)" FROM cites
