// The filter of a researchers page (`key` of its `UNWIND $keys`): whether the researcher {r}
// matches the name words, openness, institution and topic the key asks for (null: any).
((key.nameContains IS NULL OR toLower({r}.name) CONTAINS key.nameContains)
  AND (key.openToCollaborate IS NULL OR {r}.openToCollaborate = key.openToCollaborate)
  AND (key.institution IS NULL
    OR EXISTS { ({r})-[:AFFILIATED_WITH]->(:Institution {id: key.institution}) })
  AND (key.topic IS NULL
    OR EXISTS { ({r})-[:AUTHORED]->(:Paper)-[:ABOUT]->(:Topic {id: key.topic}) }))
