-- One row per (kind, id) of a source: the version the writer keeps. A version without a date
-- replaces whatever came before it; among the versions after the last such one, the newest
-- date wins, the later read at a tie (see ingest/versions.py `newer`). A version moved here
-- from a merged id replaces the record's own only when newer (ingest/routes.py).
-- Slots: table (created), source (a table or subquery of versions).
CREATE TABLE {{ table }} AS
SELECT * EXCLUDE (rank, last_undated) FROM (
  SELECT s.*, row_number() OVER (PARTITION BY s.kind, s.id
           ORDER BY s.date IS NULL, s.date DESC, s.moved, s.seq DESC) AS rank
  FROM (SELECT *, arg_max(CASE WHEN date IS NULL THEN seq END,
                          CASE WHEN date IS NULL THEN [NOT moved, seq] END)
                    OVER (PARTITION BY kind, id) AS last_undated FROM {{ source }}) s
  WHERE s.seq >= coalesce(s.last_undated, 0)
) WHERE rank = 1
