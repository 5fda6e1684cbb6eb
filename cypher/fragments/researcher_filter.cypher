// The filter of a researchers page (`key` of its `UNWIND $keys`): whether the researcher {r}
// matches the name words, openness, institutions and topics the key asks for (null: any):
// `*AnyOf` lists hold when one item does, `*AllOf` lists when each does.
((key.nameContains IS NULL OR toLower({r}.name) CONTAINS key.nameContains)
  AND (key.openToCollaborate IS NULL OR {r}.openToCollaborate = key.openToCollaborate)
  AND (key.institution IS NULL
    OR EXISTS { ({r})-[:AFFILIATED_WITH]->(:Institution {id: key.institution}) })
  AND (key.institutionAnyOf IS NULL OR EXISTS {
    MATCH ({r})-[:AFFILIATED_WITH]->(filterAt:Institution) WHERE filterAt.id IN key.institutionAnyOf })
  AND (key.institutionAllOf IS NULL OR all(filterId IN key.institutionAllOf
    WHERE EXISTS { ({r})-[:AFFILIATED_WITH]->(:Institution {id: filterId}) }))
  AND (key.topic IS NULL
    OR EXISTS { ({r})-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: key.topic}) })
  AND (key.topicAnyOf IS NULL OR EXISTS {
    MATCH ({r})-[:AUTHORED]->(:Paper)-[:ABOUT]->(filterTopic:Topic)
    WHERE filterTopic.id IN key.topicAnyOf })
  AND (key.topicAllOf IS NULL OR all(filterId IN key.topicAllOf
    WHERE EXISTS { ({r})-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: filterId}) })))
