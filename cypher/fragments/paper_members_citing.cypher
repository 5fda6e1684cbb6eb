// One source of `paper_members`: the papers citing one of `anchorCites`, as rows of `p`, each once; nothing unless
// {on}. A statement variant whose keys give no `anchorCites` has an empty branch instead
// (Neo4j plans every union branch of a statement, read or not).
// without anchorCites: UNWIND [] AS p RETURN p
MATCH (q:Paper) WHERE q.id IN CASE WHEN {on} THEN key.anchorCites END
MATCH (q)<-[:CITES]-(p:Paper)
RETURN DISTINCT p
