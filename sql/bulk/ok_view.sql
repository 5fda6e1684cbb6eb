-- A staging table without the lines left out. Slots: table. Out: the view ok_<table>.
CREATE VIEW ok_{{ table }} AS SELECT * FROM raw_{{ table }}
WHERE seq NOT IN (SELECT seq FROM skipped)
