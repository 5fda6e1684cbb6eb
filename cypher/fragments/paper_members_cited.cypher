// One source of `paper_members`: the papers cited by one of `anchorCitedBy`, as rows of `p`, each once; nothing unless
// {on}. A statement variant whose keys give no `anchorCitedBy` has an empty branch instead
// (Neo4j plans every union branch of a statement, read or not).
// without anchorCitedBy: UNWIND [] AS p RETURN p
MATCH (q:Paper) WHERE q.id IN CASE WHEN {on} THEN key.anchorCitedBy END
MATCH (q)-[:CITES]->(p:Paper)
RETURN DISTINCT p
