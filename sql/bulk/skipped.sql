-- The lines left out: those making a reference to nothing, and the clashing records'.
-- Out: skipped (seq).
CREATE TABLE skipped AS
SELECT DISTINCT seq FROM raw_refs r JOIN dangling d USING (kind, id)
UNION SELECT seq FROM clashes
