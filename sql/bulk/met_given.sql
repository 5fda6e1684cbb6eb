-- The pairs of sides (r, c) of one block and one token whose given names may agree by one
-- join: r small, c in a held block, family names of near length, not both by the other key.
-- Slots: given (the join of the given names). Out: r, c, via, rs, rk, cs, ck.
SELECT r.id AS r, c.id AS c, r.via, r.s AS rs, r.k AS rk, c.s AS cs, c.k AS ck
FROM side r JOIN side c ON c.via = r.via AND c.token = r.token AND {{ given }}
WHERE r.small AND c.held AND abs(r.len - c.len) <= 1 AND c.id <> r.id
  AND NOT (r.kind = 'a' AND c.kind = 'a')
