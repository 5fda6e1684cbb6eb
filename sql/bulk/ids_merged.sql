-- The ids of the absorbed records (for number_ids).
SELECT old FROM folded
