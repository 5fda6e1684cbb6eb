// One source of `paper_members`: the works of the researchers of `anchorAuthors`, as rows of `p`, each once; nothing unless
// {on}. A statement variant whose keys give no `anchorAuthors` has an empty branch instead
// (Neo4j plans every union branch of a statement, read or not).
// without anchorAuthors: UNWIND [] AS p RETURN p
MATCH (a:Researcher) WHERE a.id IN CASE WHEN {on} THEN key.anchorAuthors END
MATCH (a)-[:AUTHORED]->(p:Paper)
RETURN DISTINCT p
