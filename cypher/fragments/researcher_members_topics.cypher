// One source of `researcher_members`: the authors of the topics of `anchorTopics`, as rows of `r`, each once; nothing
// unless {on}. A statement variant whose keys give no `anchorTopics` has an empty branch
// instead (Neo4j plans every union branch of a statement, read or not).
// without anchorTopics: UNWIND [] AS r RETURN r
MATCH (t:Topic) WHERE t.id IN CASE WHEN {on} THEN key.anchorTopics END
MATCH (t)<-[:ABOUT]-(:Paper)<-[:AUTHORED]-(r:Researcher)
RETURN DISTINCT r
