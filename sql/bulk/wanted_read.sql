-- The wanted pairs in order. Out: a, b.
SELECT a, b FROM wanted ORDER BY a, b
