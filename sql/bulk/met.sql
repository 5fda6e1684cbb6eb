-- The rows of mates from name blocks whose records may be one person: the pairs met (one
-- met_given a way the given names may agree, joined by UNION), checked as `name_fit` begins;
-- a pair met by ORCID kept. Slots: pairs. In: $long_family. Out: met (r, c, via).
CREATE TEMP TABLE met AS
SELECT DISTINCT m.r, m.c, m.via FROM ({{ pairs }}) m
  LEFT JOIN rd a ON a.s = m.rs AND a.k = m.rk
  LEFT JOIN rd b ON b.s = m.cs AND b.k = m.ck
  LEFT JOIN orcids oa ON oa.id = m.r LEFT JOIN orcids ob ON ob.id = m.c
WHERE m.rs IS NULL
   OR ((oa.o IS NULL OR ob.o IS NULL)
       AND (a.j = b.j OR list_has_all(a.p, b.p) OR list_has_all(b.p, a.p)
            OR (least(length(a.j), length(b.j)) >= $long_family
                AND levenshtein(a.j, b.j) <= 1))
       AND (a.g IS NULL OR b.g IS NULL OR a.gj = b.gj OR a.g = b.g
            OR (length(a.g) = 1 AND starts_with(b.g, a.g))
            OR (length(b.g) = 1 AND starts_with(a.g, b.g))))
