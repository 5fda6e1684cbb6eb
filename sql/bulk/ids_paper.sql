-- The ids papers may have (for number_ids): those read and those cited.
SELECT id FROM paper_w UNION ALL SELECT cited FROM cites
