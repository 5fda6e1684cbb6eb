-- Every record of a wanted pair. Out: scored (a).
CREATE OR REPLACE TABLE scored AS SELECT a FROM wanted UNION SELECT b FROM wanted
