-- One feature kept by feature_table, of the records of the round. Slots: name.
-- Out: k, v (, w).
SELECT * FROM feature_{{ name }} WHERE k IN (SELECT a FROM round)
