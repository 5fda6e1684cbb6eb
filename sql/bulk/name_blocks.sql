-- The name block rows of duplicates/blocks as it finds them for the records within the crowd
-- bound: every record of the same key, and every record of a held block whose near key
-- (head or tail) one of the six probes names. Slots: near (near_block of each end, joined by
-- UNION ALL). In: $crowd. Out: r, c, linked, via.
SELECT r.id AS r, c.id AS c, false AS linked, r.nk AS via
FROM (SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd <= $crowd) r
  JOIN res c ON c.nk = r.nk WHERE r.nk <> '' AND c.id <> r.id
UNION ALL
SELECT r.id, c.id, false, r.alt
FROM (SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd <= $crowd) r
  JOIN res c ON c.nk = r.alt WHERE r.alt <> '' AND c.id <> r.id
UNION ALL
SELECT r.id, c.id, false, r.nk
FROM (SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd <= $crowd) r
  JOIN res c ON c.alt = r.nk WHERE r.nk <> '' AND c.id <> r.id
UNION ALL
{{ near }}
