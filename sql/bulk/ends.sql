-- Each record's places in the blocks: the block (`via`), the family name's length (near
-- keys), the kind of key ('n' the name key, 'a' the other, 'near'), whether the block is held
-- (within the crowd bound, near keys) and whether the record is small (its crowd).
-- In: $crowd. Out: ends (id, via, len, kind, held, small).
CREATE TEMP TABLE ends AS
WITH k AS (SELECT r.id, unnest([r.head, r.tail]) AS key FROM res r
           WHERE r.head IS NOT NULL),
     held AS (SELECT key FROM k GROUP BY 1 HAVING count(*) <= $crowd)
SELECT k.id, regexp_replace(k.key, '[0-9]+', '') AS via,
       CAST(regexp_extract(k.key, '[0-9]+') AS INTEGER) AS len, 'near' AS kind,
       k.key IN (SELECT key FROM held) AS held, c.crowd <= $crowd AS small
FROM k JOIN crowd c USING (id)
UNION ALL
SELECT r.id, r.nk, 0, 'n', true, c.crowd <= $crowd FROM res r JOIN crowd c USING (id)
WHERE r.nk <> ''
UNION ALL
SELECT r.id, r.alt, 0, 'a', true, c.crowd <= $crowd FROM res r JOIN crowd c USING (id)
WHERE r.alt <> ''
