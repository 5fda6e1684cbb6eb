-- The spellings whose readings name_readings lacks (the name variants). Out: s.
SELECT DISTINCT s FROM spelt
WHERE s NOT IN (SELECT s FROM name_readings)
