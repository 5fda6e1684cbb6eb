-- The pairs tried with the names of both records, block by block.
-- Out: a, b, direct, then name, variants, orcid of a, then of b.
SELECT p.a, p.b, p.direct, r.name, r.variants, r.orcid, c.name, c.variants, c.orcid
FROM tried p JOIN res r ON r.id = p.a JOIN res c ON c.id = p.b
ORDER BY p.via, p.a, p.b
