// Where a filtered researchers page finds its candidates (`key` of its `UNWIND $keys`): the
// members of the institution the key names, else the authors of the topic it names, as rows
// of `r`, each once; nothing unless {on}. A union branch of a subquery taking `key`.
MATCH (i:Institution) WHERE i.id = CASE WHEN {on} THEN key.institution END
MATCH (i)<-[:AFFILIATED_WITH]-(r:Researcher)
RETURN DISTINCT r
UNION ALL
MATCH (t:Topic) WHERE t.id = CASE WHEN {on} AND key.institution IS NULL THEN key.topic END
MATCH (t)<-[:ABOUT]-(:Paper)<-[:AUTHORED]-(r:Researcher)
RETURN DISTINCT r
