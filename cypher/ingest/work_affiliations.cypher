// Affiliations read off researchers' works: for each given researcher, one relationship per
// institution its authorships name, from the first to the last year it is named; replaces the
// ones read before. A researcher with an author record of its own (updatedDate) gets them only
// for institutions its record does not list, so every institution an authorship names has a
// stint of that author (papers counting for an institution are found through its stints:
// `fragments/paper_members`). Order-free: it depends only on the authorships and the record's
// stints now in the graph. In: $researchers [id]. Out: written (relationships made).
UNWIND $researchers AS id
MATCH (r:Researcher {id: id})
CALL (r) {
  OPTIONAL MATCH (r)-[old:AFFILIATED_WITH {origin: 'works'}]->(:Institution)
  DELETE old
}
CALL (r) {
  MATCH (r)-[a:AUTHORED]->(p:Paper)
  UNWIND coalesce(a.institutions, []) AS institution
  WITH institution, min(p.year) AS since, max(p.year) AS until
  MATCH (i:Institution {id: institution})
  WHERE r.updatedDate IS NULL OR NOT EXISTS { (r)-[:AFFILIATED_WITH]->(i) }
  CREATE (r)-[:AFFILIATED_WITH {origin: 'works', current: false, since: since, until: until}]->(i)
  RETURN count(*) AS made
}
RETURN sum(made) AS written
