-- What a record meets others by, in each of its blocks: '=' a family part or the joined
-- family name, '~' the joined family name (a long one) with one letter or none left out, '@'
-- the ORCID; with the reading's given names. In: $long_family (the letters of a long family
-- name). Out: side (the columns of ends, s, k, token, g, g0, gj).
CREATE TEMP TABLE side AS
WITH t AS (
  SELECT s, k, '=' || part AS token
  FROM (SELECT s, k, unnest(list_distinct(list_append(p, j))) AS part FROM rd)
  UNION
  SELECT s, k, '~' || CASE WHEN i = 0 THEN j
                           ELSE substr(j, 1, i - 1) || substr(j, i + 1) END
  FROM (SELECT s, k, j, unnest(range(0, length(j) + 1)) AS i FROM rd
        WHERE length(j) >= $long_family)),
tokens AS (
  SELECT sp.id, t.s, t.k, t.token, rd.g, rd.g0, rd.gj
  FROM spelt sp JOIN t USING (s) JOIN rd ON rd.s = t.s AND rd.k = t.k
  UNION ALL SELECT id, NULL, NULL, '@' || o, NULL, NULL, '' FROM orcids)
SELECT e.*, t.s, t.k, t.token, t.g, t.g0, t.gj FROM ends e JOIN tokens t USING (id)
