// Floor: a topic's works per (year, type), the twenty largest. In: $topic.
// Out: year (text), type, count (most first, then by year and type).
MATCH (:Topic {id: $topic})<-[:ABOUT]-(p:Paper)
WHERE p.year IS NOT NULL AND p.type IS NOT NULL
RETURN toString(p.year) AS year, p.type AS type, count(*) AS count
ORDER BY count DESC, year, type LIMIT 20
