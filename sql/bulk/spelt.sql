-- Every spelling of every record: its name and name variants, empty ones aside.
-- Out: spelt (id, s).
CREATE TEMP TABLE spelt AS
SELECT DISTINCT id, s FROM (
  SELECT id, name AS s FROM res UNION ALL SELECT id, unnest(variants) FROM res)
WHERE coalesce(s, '') <> ''
