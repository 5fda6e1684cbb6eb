-- WORKS_ON {score}, as cypher/ingest/works_on keeps it. Out: works_on (researcher, topic, score).
CREATE TABLE works_on AS
SELECT a.researcher, t.topic, round(sum(t.score), 9) AS score
FROM authored a JOIN about t ON a.paper = t.paper
GROUP BY ALL
