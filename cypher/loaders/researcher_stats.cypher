// The numbers on a profile and what trust is computed from. In: $keys [researcher id].
// Out: key, works, followers, topics, coauthors, closeCollaborators (>= 2 shared works),
// citations (of their works), persistentId (a work with a DOI or arXiv id), claimed, verified.
UNWIND $keys AS key
MATCH (r:Researcher {id: key})
CALL (r) {
  OPTIONAL MATCH (r)-[k:COAUTHOR]->(:Researcher)
  RETURN count(k) AS coauthors, sum(CASE WHEN k.shared >= 2 THEN 1 ELSE 0 END) AS close
}
RETURN key,
       // each work once, however many authorships of theirs it holds
       COUNT { MATCH (r)-[:AUTHORED]->(p:Paper) RETURN DISTINCT p } AS works,
       COUNT { (:User)-[:FOLLOWS]->(r) } AS followers,
       COUNT { MATCH (r)-[:AUTHORED]->(:Paper)-[:ABOUT]->(t:Topic) RETURN DISTINCT t } AS topics,
       coauthors,
       close AS closeCollaborators,
       COUNT { MATCH (r)-[:AUTHORED]->(p:Paper) WITH DISTINCT p
               MATCH (p)<-[:CITES]-(q:Paper) RETURN q } AS citations,
       EXISTS {
         MATCH (r)-[:AUTHORED]->(p:Paper) WHERE p.doi IS NOT NULL OR p.arxivId IS NOT NULL
       } AS persistentId,
       EXISTS { (:User)-[:CLAIMED]->(r) } AS claimed,
       EXISTS { MATCH (:User)-[c:CLAIMED]->(r) WHERE c.verified = true } AS verified
