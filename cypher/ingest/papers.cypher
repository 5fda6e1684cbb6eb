// Writes whole papers: the node, its ordered authorships, its topics and its citations, replacing
// any it had before. Authors, topics and cited papers are merged by id; the loader has checked
// that each is defined in the input or already in the graph.
// In: $rows [{id, props, authors: [id], topics: [{id, score}], references: [id]}].
// Out: written, created.
UNWIND $rows AS row
MERGE (p:Paper {id: row.id})
WITH p, row, p.title IS NULL AS created
SET p += row.props
// papers without a year carry :Undated, so lists by year find them without a scan
FOREACH (_ IN CASE WHEN p.year IS NULL THEN [1] ELSE [] END | SET p:Undated)
FOREACH (_ IN CASE WHEN p.year IS NULL THEN [] ELSE [1] END | REMOVE p:Undated)
WITH p, row, created
CALL (p) { MATCH (p)<-[old:AUTHORED]-(:Researcher) DELETE old }
CALL (p) { MATCH (p)-[old:ABOUT]->(:Topic) DELETE old }
CALL (p) { MATCH (p)-[old:CITES]->(:Paper) DELETE old }
CALL (p, row) {
  UNWIND range(0, size(row.authors) - 1) AS i
  MERGE (r:Researcher {id: row.authors[i]})
  CREATE (r)-[:AUTHORED {position: i + 1}]->(p)
}
CALL (p, row) {
  UNWIND row.topics AS topic
  MERGE (t:Topic {id: topic.id})
  CREATE (p)-[:ABOUT {score: topic.score}]->(t)
}
CALL (p, row) {
  UNWIND row.references AS cited
  MERGE (q:Paper {id: cited})
  MERGE (p)-[:CITES]->(q)
}
RETURN count(*) AS written, sum(toInteger(created)) AS created
