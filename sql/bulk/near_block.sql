-- The name block rows of duplicates/blocks found by one end of the near keys: for each record
-- within the crowd bound, every record of a held block (within the bound) whose key at that end
-- one of the record's probes names. Slots: end (head or tail). In: $crowd.
-- Out: r, c, linked, via (the probe's letters).
SELECT r.id AS r, c.id AS c, false AS linked, regexp_replace(r.probe, '[0-9]+', '') AS via
FROM (SELECT id, unnest(near) AS probe
      FROM (SELECT res.* FROM res JOIN crowd USING (id) WHERE crowd <= $crowd)) r
JOIN (SELECT {{ end }} AS probe FROM res WHERE {{ end }} IS NOT NULL
      GROUP BY 1 HAVING count(*) <= $crowd) held USING (probe)
JOIN res c ON c.{{ end }} = r.probe WHERE c.id <> r.id
