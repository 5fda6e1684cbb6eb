// Where a filtered papers page finds its candidates (`key` of its `UNWIND $keys`): the works of
// the author the key names, else the papers of the topic it names, else the works of the
// researchers ever affiliated with the institution it names (`institution`, else
// `authorEverAffiliatedWith`; a paper counting for an institution has such an author: stints are
// derived from the institutions authorships name, and an OpenAlex author record lists its own),
// as rows of `p`, each once; nothing unless {on}. Union branches of a subquery taking `key`.
MATCH (a:Researcher) WHERE a.id = CASE WHEN {on} THEN key.author END
MATCH (a)-[:AUTHORED]->(p:Paper)
RETURN DISTINCT p
UNION ALL
MATCH (t:Topic) WHERE t.id = CASE WHEN {on} AND key.author IS NULL THEN key.topic END
MATCH (t)<-[:ABOUT]-(p:Paper)
RETURN DISTINCT p
UNION ALL
MATCH (i:Institution)
WHERE i.id = CASE WHEN {on} AND key.author IS NULL AND key.topic IS NULL
  THEN coalesce(key.institution, key.authorEverAffiliatedWith) END
MATCH (i)<-[:AFFILIATED_WITH]-(:Researcher)-[:AUTHORED]->(p:Paper)
RETURN DISTINCT p
