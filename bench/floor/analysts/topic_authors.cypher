// Floor: the ten researchers with most works about a topic. In: $topic.
// Out: value, count (most first, then by id).
MATCH (:Topic {id: $topic})<-[:ABOUT]-(p:Paper)<-[:AUTHORED]-(r:Researcher)
WITH DISTINCT p, r
RETURN r.id AS value, count(p) AS count ORDER BY count DESC, value LIMIT 10
