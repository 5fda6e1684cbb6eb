-- ABOUT of the papers kept. Out: about (paper, topic, score).
CREATE TABLE about AS
SELECT id AS paper, t.id AS topic, t.score AS score
FROM (SELECT id, unnest(topics) AS t FROM paper_w)
