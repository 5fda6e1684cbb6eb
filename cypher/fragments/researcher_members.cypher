// Where a filtered researchers page finds its candidates (`key` of its `UNWIND $keys`, anchored
// by `bzpeer_graphql/loaders/filters.anchored`: at most one anchor list is given): the members
// of the institutions of `anchorInstitutions`, or the authors of the topics of `anchorTopics`,
// as rows of `r`, each once; nothing unless {on}. A union branch of a subquery taking `key`.
MATCH (i:Institution) WHERE i.id IN CASE WHEN {on} THEN key.anchorInstitutions END
MATCH (i)<-[:AFFILIATED_WITH]-(r:Researcher)
RETURN DISTINCT r
UNION ALL
MATCH (t:Topic) WHERE t.id IN CASE WHEN {on} THEN key.anchorTopics END
MATCH (t)<-[:ABOUT]-(:Paper)<-[:AUTHORED]-(r:Researcher)
RETURN DISTINCT r
