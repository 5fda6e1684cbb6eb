-- The import file rows of AFFILIATED_WITH.
SELECT researcher AS ":START_ID(Researcher)", institution AS ":END_ID(Institution)",
       current AS "current:boolean", since AS "since:long", until AS "until:long",
       origin FROM affiliated
