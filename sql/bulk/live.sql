-- The nodes a kept version writes: every full record kept, and what a kept version names.
-- Out: live (kind, id).
CREATE TABLE live AS
SELECT kind, id FROM full_w
UNION
SELECT n.kind, n.id FROM ok_nodes n
WHERE n.partial AND (n.owner_kind IS NULL
  OR EXISTS (SELECT 1 FROM full_w f WHERE f.kind = n.owner_kind AND f.id = n.owner_id
             AND f.seq = n.seq)
  OR EXISTS (SELECT 1 FROM paper_w p WHERE n.owner_kind = 'paper' AND p.id = n.owner_id
             AND p.seq = n.seq))
