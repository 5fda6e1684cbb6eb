-- The live nodes as the writer leaves them: a full record's properties, else those of the
-- newest mention; `seenDate` from the newest mention.
-- Out: node_final (kind, id, props, updatedDate, seenDate, affiliations).
CREATE TABLE node_final AS
SELECT coalesce(f.kind, p.kind) AS kind, coalesce(f.id, p.id) AS id,
       CASE WHEN f.id IS NOT NULL THEN f.props ELSE p.props END AS props,
       f.date AS updatedDate, p.date AS seenDate, f.affiliations AS affiliations
FROM full_w f FULL JOIN partial_w p ON f.kind = p.kind AND f.id = p.id
WHERE EXISTS (SELECT 1 FROM live l WHERE l.kind = coalesce(f.kind, p.kind)
              AND l.id = coalesce(f.id, p.id))
