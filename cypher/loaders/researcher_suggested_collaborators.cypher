// Researchers open to collaborate whom a researcher has not written with yet, ranked by topic
// overlap plus common coauthors. Candidates: coauthors of coauthors, and authors of the
// highest-scored papers ($perTopic of them) of each topic of the researcher's works.
// In: $keys [{id, first}], $perTopic. Out: key, items [{node, score, sharedTopics [node],
// commonCoauthors [node]}], best first, `first` of them; reasons strongest first, up to 5 each.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic)
  WITH t, sum(a.score) AS mine
  ORDER BY mine DESC, t.name, t.id
  WITH collect(t) AS topics
  OPTIONAL MATCH (r)-[:AUTHORED]->(p:Paper)<-[:AUTHORED]-(c:Researcher)
  WHERE c <> r
  WITH topics, c, count(DISTINCT p) AS near
  ORDER BY near DESC, c.name, c.id
  WITH topics, collect(c) AS direct
  CALL (topics, direct) {
    UNWIND direct AS c
    MATCH (c)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(x:Researcher)
    RETURN x
    UNION
    UNWIND topics AS t
    CALL (t) {
      MATCH (t)<-[a:ABOUT]-(p:Paper)
      WITH p ORDER BY a.score DESC, p.id LIMIT $perTopic
      MATCH (p)<-[:AUTHORED]-(x:Researcher)
      RETURN x
    }
    RETURN x
  }
  WITH topics, direct, x
  WHERE x <> r AND x.openToCollaborate = true AND NOT x IN direct
  WITH topics, direct, x,
       [t IN topics WHERE EXISTS { (x)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t) }] AS sharedTopics,
       [c IN direct WHERE EXISTS { (x)-[:AUTHORED]->(:Paper)<-[:AUTHORED]-(c) }] AS common
  WITH x, sharedTopics, common, size(sharedTopics) + size(common) AS score
  WHERE score > 0
  ORDER BY score DESC, size(common) DESC, x.name, x.id
  WITH collect({node: properties(x), score: score,
      sharedTopics: [t IN sharedTopics[0..5] | properties(t)],
      commonCoauthors: [c IN common[0..5] | properties(c)],
      sharedTopicCount: size(sharedTopics), commonCoauthorCount: size(common)}) AS ranked
  RETURN ranked[0..key.first] AS items
}
RETURN key, items
