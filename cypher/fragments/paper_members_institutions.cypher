// One source of `paper_members`: the works of the researchers with a stint at an institution of `anchorInstitutions`, as rows of `p`, each once; nothing unless
// {on}. A statement variant whose keys give no `anchorInstitutions` has an empty branch instead
// (Neo4j plans every union branch of a statement, read or not).
// without anchorInstitutions: UNWIND [] AS p RETURN p
MATCH (i:Institution) WHERE i.id IN CASE WHEN {on} THEN key.anchorInstitutions END
MATCH (i)<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(p:Paper)
RETURN DISTINCT p
