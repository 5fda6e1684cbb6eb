-- The ranked neighbours of every topic with more than $keep papers (ABOUT) or researchers
-- (WORKS_ON), as cypher/ingest/rank_topics ranks them: per kind, the ids (distinct, sorted)
-- whose link weighs at least the $keep-th heaviest (a null weight counts heaviest; ties at
-- that weight kept; every one when the topic has fewer). Out: ranked (topic, papers,
-- researchers); a topic with no link of a kind gets [].
CREATE TABLE ranked AS
WITH links AS (
  SELECT topic, 'papers' AS kind, paper AS id, score AS weight FROM about
  UNION ALL
  SELECT topic, 'researchers' AS kind, researcher AS id, score AS weight FROM works_on
),
numbered AS (
  SELECT *, row_number() OVER (PARTITION BY topic, kind ORDER BY weight DESC NULLS FIRST) AS n,
         count(*) FILTER (WHERE kind = 'papers') OVER (PARTITION BY topic) AS papers,
         count(*) FILTER (WHERE kind = 'researchers') OVER (PARTITION BY topic)
           AS researchers
  FROM links
),
hubs AS (
  SELECT topic FROM numbered GROUP BY topic
  HAVING max(papers) > $keep OR max(researchers) > $keep
),
cuts AS (
  SELECT topic, kind, weight AS cut FROM numbered WHERE n = $keep
),
kept AS (
  SELECT l.topic, l.kind, list_sort(list_distinct(list(l.id))) AS ids
  FROM numbered l
  JOIN hubs h ON h.topic = l.topic
  LEFT JOIN cuts c ON c.topic = l.topic AND c.kind = l.kind
  WHERE c.topic IS NULL OR l.weight IS NULL OR l.weight >= c.cut
  GROUP BY l.topic, l.kind
)
SELECT h.topic,
       coalesce((SELECT ids FROM kept k WHERE k.topic = h.topic AND k.kind = 'papers'), [])
         AS papers,
       coalesce((SELECT ids FROM kept k WHERE k.topic = h.topic AND k.kind = 'researchers'), [])
         AS researchers
FROM hubs h
