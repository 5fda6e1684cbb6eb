// Writes whole papers (the writer sends only versions as new as the stored one or newer): the
// properties, the ordered authorships, the topics and the citations, replacing what the paper
// had. A paper cited before it was loaded waits as a :Stub (no :Paper label, so no list, count
// or search sees it) and becomes the paper here; a citation of a paper not in the graph makes
// such a stub. Authors and topics are merged by id (the same batch wrote them first). The
// paper's old links are gone, so its citations are created, not merged (the writer sends each
// reference once).
// In: $rows [{id, updatedDate, props, authorships: [{id, props}], topics: [{id, score}],
// references: [id]}], each id once.
// Out, per row: id, touched (researchers who gained or lost an authorship), named (those of them
// whose old or new authorship names institutions), and what the old version named that the
// writer may now drop (cypher/ingest/drop_orphans): former authors, institutions of their
// authorships, topics, and the stubs it cited.
UNWIND $rows AS row
OPTIONAL MATCH (stub:Stub {id: row.id})
FOREACH (s IN CASE WHEN stub IS NULL THEN [] ELSE [stub] END | REMOVE s:Stub SET s:Paper)
WITH row
MERGE (p:Paper {id: row.id})
SET p += row.props, p.updatedDate = row.updatedDate
// papers without a year carry :Undated, so lists by year find them without a scan
FOREACH (_ IN CASE WHEN p.year IS NULL THEN [1] ELSE [] END | SET p:Undated)
FOREACH (_ IN CASE WHEN p.year IS NULL THEN [] ELSE [1] END | REMOVE p:Undated)
WITH p, row
CALL (p) {
  OPTIONAL MATCH (p)<-[old:AUTHORED]-(r:Researcher)
  WITH r, old, coalesce(old.institutions, []) AS institutions
  DELETE old
  RETURN collect(r.id) AS former,
         collect(CASE WHEN size(institutions) > 0 THEN r.id END) AS formerNamed,
         reduce(all = [], named IN collect(institutions) | all + named) AS formerInstitutions
}
CALL (p) {
  OPTIONAL MATCH (p)-[old:ABOUT]->(t:Topic)
  WITH old, t, t.id AS topic
  DELETE old
  {{ unrank(t) }}
  RETURN collect(topic) AS formerTopics
}
CALL (p) {
  OPTIONAL MATCH (p)-[old:CITES]->(cited)
  WITH old, CASE WHEN cited:Stub THEN cited.id END AS stub
  DELETE old
  RETURN collect(stub) AS formerStubs
}
CALL (p, row) {
  UNWIND range(0, size(row.authorships) - 1) AS i
  WITH row.authorships[i] AS authorship, i
  MERGE (r:Researcher {id: authorship.id})
  CREATE (r)-[a:AUTHORED {position: i + 1}]->(p)
  SET a += authorship.props
}
CALL (p, row) {
  UNWIND row.topics AS topic
  MERGE (t:Topic {id: topic.id})
  CREATE (p)-[:ABOUT {score: topic.score}]->(t)
  {{ unrank(t) }}
}
CALL (p, row) {
  UNWIND row.references AS cited
  OPTIONAL MATCH (real:Paper {id: cited})
  FOREACH (_ IN CASE WHEN real IS NULL THEN [1] ELSE [] END | MERGE (:Stub {id: cited}))
  WITH p, cited, real
  OPTIONAL MATCH (waiting:Stub {id: cited})
  WITH p, coalesce(real, waiting) AS q
  CREATE (p)-[:CITES]->(q)
}
RETURN row.id AS id, former + [a IN row.authorships | a.id] AS touched,
       formerNamed + [a IN row.authorships WHERE size(coalesce(a.props.institutions, [])) > 0
         | a.id] AS named,
       {researchers: former, institutions: formerInstitutions, topics: formerTopics,
        stubs: formerStubs} AS former
