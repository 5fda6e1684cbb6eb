-- A record's crowd as duplicates/blocks counts it, and its batch as duplicates/stale_ids
-- orders a full rescoring (name key, nulls last, then id). In: $batch (records a batch).
-- Out: crowd (id, crowd, batch).
CREATE OR REPLACE TABLE crowd AS
WITH k AS (SELECT nk AS v, count(*) AS n FROM res WHERE nk IS NOT NULL GROUP BY 1),
     a AS (SELECT alt AS v, count(*) AS n FROM res WHERE alt IS NOT NULL GROUP BY 1)
SELECT r.id,
       CASE WHEN r.nk <> '' THEN coalesce(k1.n, 0) + coalesce(a1.n, 0) ELSE 0 END
       + CASE WHEN r.alt <> '' THEN coalesce(k2.n, 0) ELSE 0 END AS crowd,
       (row_number() OVER (ORDER BY r.nk IS NULL, r.nk, r.id) - 1) // $batch AS batch
FROM res r LEFT JOIN k k1 ON k1.v = r.nk LEFT JOIN a a1 ON a1.v = r.nk
           LEFT JOIN k k2 ON k2.v = r.alt
