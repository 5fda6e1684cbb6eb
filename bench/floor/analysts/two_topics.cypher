// Floor: how many researchers have works about both topics. In: $topic, $topic2. Out: count.
MATCH (r:Researcher)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: $topic})
WITH DISTINCT r
WHERE EXISTS { (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: $topic2}) }
RETURN count(r) AS count
