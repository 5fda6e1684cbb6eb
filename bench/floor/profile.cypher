// Floor: the profile page of one researcher in one query. In: $id.
// Out: name, headline, open, affiliation, recentWorks (20 newest), works, followers, topics,
// close ([id, name, shared] of up to 20 close collaborators), closeCollaborators, persistentId,
// claimed, verified (the names of cypher/loaders/researcher_stats.cypher).
MATCH (r:Researcher {id: $id})
CALL (r) {
  OPTIONAL MATCH (r)-[a:AFFILIATED_WITH]->(i:Institution) WHERE a.current = true
  RETURN i.name AS affiliation ORDER BY i.name LIMIT 1
}
CALL (r) {
  MATCH (r)-[:AUTHORED]->(p:Paper)
  WITH p ORDER BY p.year DESC, p.title, p.id LIMIT 20
  RETURN collect(p {.id, .title, .year, .type, .venue, .abstract}) AS recentWorks
}
CALL (r) {
  OPTIONAL MATCH (r)-[k:COAUTHOR]->(c:Researcher)
  WITH c, k.shared AS shared
  ORDER BY shared DESC, c.name, c.id
  RETURN collect(CASE WHEN shared >= 2 THEN [c.id, c.name, shared] END)[0..20] AS close,
         count(CASE WHEN shared >= 2 THEN c END) AS closeCollaborators
}
RETURN r.name AS name, r.headline AS headline, r.openToCollaborate AS open, affiliation,
       recentWorks, COUNT { (r)-[:AUTHORED]->(:Paper) } AS works,
       COUNT { (:User)-[:FOLLOWS]->(r) } AS followers,
       COUNT { MATCH (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic) RETURN DISTINCT t } AS topics,
       close, closeCollaborators,
       EXISTS { MATCH (r)-[:AUTHORED]->(p:Paper) WHERE p.doi IS NOT NULL OR p.arxivId IS NOT NULL }
         AS persistentId,
       EXISTS { (:User)-[:CLAIMED]->(r) } AS claimed,
       EXISTS { MATCH (:User)-[c:CLAIMED]->(r) WHERE c.verified = true } AS verified
