-- What works and records say of other nodes, from the versions the writer wrote.
-- Out: the view seen_partials.
CREATE VIEW seen_partials AS
SELECT n.* FROM ok_nodes n
WHERE n.partial AND (n.owner_kind IS NULL OR EXISTS (
  SELECT 1 FROM written w WHERE w.kind = n.owner_kind AND w.id = n.owner_id
    AND w.seq = n.seq))
