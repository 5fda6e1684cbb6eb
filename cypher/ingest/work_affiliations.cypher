// Affiliations read off researchers' works: for each given researcher without an author record
// of its own (no updatedDate), one relationship per institution of its authorships, from the
// first to the last year it is named; replaces the ones read before. Order-free: it depends only
// on the authorships now in the graph. In: $researchers [id]. Out: written (relationships made).
UNWIND $researchers AS id
MATCH (r:Researcher {id: id})
CALL (r) {
  OPTIONAL MATCH (r)-[old:AFFILIATED_WITH {origin: 'works'}]->(:Institution)
  DELETE old
}
WITH r WHERE r.updatedDate IS NULL
CALL (r) {
  MATCH (r)-[a:AUTHORED]->(p:Paper)
  UNWIND coalesce(a.institutions, []) AS institution
  WITH institution, min(p.year) AS since, max(p.year) AS until
  MATCH (i:Institution {id: institution})
  CREATE (r)-[:AFFILIATED_WITH {origin: 'works', current: false, since: since, until: until}]->(i)
  RETURN count(*) AS made
}
RETURN sum(made) AS written
