-- What duplicates/blocks returns for every record: the rows of the name blocks, those of the
-- crowded records' coauthors' coauthors of the same key, and those of the same ORCID, each
-- with the block it was found in. Slots: blocks (name_blocks or met_blocks). In: $crowd.
-- Out: mates (r, c, linked, via).
CREATE OR REPLACE TABLE mates AS
{{ blocks }}
UNION ALL
SELECT r.id, c.id, true, r.nk
FROM (SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd > $crowd) r
  JOIN coauthor x ON x.a = r.id JOIN coauthor y ON y.a = x.b JOIN res c ON c.id = y.b
  WHERE c.id <> r.id AND ((r.nk <> '' AND c.nk = r.nk) OR (r.alt <> '' AND c.nk = r.alt)
                          OR (r.nk <> '' AND c.alt = r.nk))
UNION ALL
SELECT r.id, c.id, true, r.orcid FROM res r JOIN res c ON c.orcid = r.orcid
  AND c.id <> r.id
