-- The names to key. Out: name.
SELECT name FROM names
