-- The pairs of the import file, as cypher/bulk/duplicate_pairs takes them. In: $path.
-- Out: a, b, score, reasons, counts, weights.
SELECT * FROM read_parquet($path)
