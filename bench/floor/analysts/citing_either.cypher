// Floor: how many papers cite either of two papers. In: $paper, $paper2. Out: count.
MATCH (p:Paper)-[:CITES]->(q:Paper) WHERE q.id IN [$paper, $paper2]
RETURN count(DISTINCT p) AS count
