// One source of `paper_members`: the papers of the topics of `anchorTopics`, as rows of `p`, each once; nothing unless
// {on}. A statement variant whose keys give no `anchorTopics` has an empty branch instead
// (Neo4j plans every union branch of a statement, read or not).
// without anchorTopics: UNWIND [] AS p RETURN p
MATCH (t:Topic) WHERE t.id IN CASE WHEN {on} THEN key.anchorTopics END
MATCH (t)<-[:ABOUT]-(p:Paper)
RETURN DISTINCT p
