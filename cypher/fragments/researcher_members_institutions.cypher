// One source of `researcher_members`: the members of the institutions of `anchorInstitutions`, as rows of `r`, each once; nothing
// unless {on}. A statement variant whose keys give no `anchorInstitutions` has an empty branch
// instead (Neo4j plans every union branch of a statement, read or not).
// without anchorInstitutions: UNWIND [] AS r RETURN r
MATCH (i:Institution) WHERE i.id IN CASE WHEN {on} THEN key.anchorInstitutions END
MATCH (i)<-[:AFFILIATED_WITH]-(r:Researcher)
RETURN DISTINCT r
