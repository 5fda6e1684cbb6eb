-- The pairs a full rescoring tries (duplicate_pairs.rescore): of each pair, what the record
-- rescored last finds; `direct` when linked or the mate within the crowd bound, `via` the
-- first block of the pair. In: $crowd. Out: tried (a, b, direct, via).
CREATE OR REPLACE TABLE tried AS
SELECT least(m.r, m.c) AS a, greatest(m.r, m.c) AS b,
       bool_or(m.linked OR cc.crowd <= $crowd) AS direct, min(m.via) AS via
FROM mates m JOIN crowd cr ON cr.id = m.r JOIN crowd cc ON cc.id = m.c
WHERE cr.batch >= cc.batch GROUP BY ALL
