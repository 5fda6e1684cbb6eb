// Researchers open to collaborate whom a researcher has not written with yet, ranked by topic
// overlap plus common coauthors. Candidates: coauthors of coauthors, and authors of the
// highest-scored papers ($perTopic of them) of each topic of the researcher's works.
// In: $keys [{id, first}], $perTopic. Out: key, items [{node, score, sharedTopics [node],
// sharedTopicCount, commonCoauthors [node], commonCoauthorCount}], best first, `first` of them;
// reasons strongest first (the researcher's heaviest topics, closest coauthors), up to 5 each.
UNWIND $keys AS key
MATCH (r:Researcher {id: key.id})
CALL (r, key) {
  OPTIONAL MATCH (r)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic)
  WITH t, sum(a.score) AS mine
  ORDER BY mine DESC, t.name, t.id
  WITH collect(t) AS topics
  OPTIONAL MATCH (r)-[k:COAUTHOR]->(c:Researcher)
  WITH topics, c, k.shared AS near
  ORDER BY near DESC, c.name, c.id
  WITH topics, collect(c) AS direct
  CALL (r, topics, direct) {
    // through the network: common coauthors counted as the candidates are found
    UNWIND direct AS c
    MATCH (c)-[:COAUTHOR]->(x:Researcher)
    WHERE x <> r AND x.openToCollaborate = true
    RETURN x, collect(DISTINCT c) AS common
    UNION
    // through the topics: authors of each topic's best papers
    UNWIND topics AS t
    CALL (t) {
      MATCH (t)<-[a:ABOUT]-(p:Paper)
      WITH p ORDER BY a.score DESC, p.id LIMIT $perTopic
      MATCH (p)<-[:AUTHORED]-(x:Researcher)
      WHERE x.openToCollaborate = true
      RETURN DISTINCT x
    }
    WITH x WHERE x <> r
    RETURN x, [] AS common
  }
  WITH topics, direct, x, collect(common) AS found
  WHERE NOT x IN direct
  WITH topics, direct, x, reduce(most = [], l IN found | CASE WHEN size(l) > size(most)
      THEN l ELSE most END) AS common,
    COLLECT { MATCH (x)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic) RETURN DISTINCT t } AS theirs
  WITH x, [t IN topics WHERE t IN theirs] AS sharedTopics,
    [c IN direct WHERE c IN common] AS common
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
