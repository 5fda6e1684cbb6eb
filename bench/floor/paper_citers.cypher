// Floor: a paper with its authors in order, and the 20 newest citing papers with theirs.
// In: $id. Out: title, authors [{id, name}], citedBy [{id, title, year, authors}].
MATCH (p:Paper {id: $id})
CALL (p) {
  MATCH (a:Researcher)-[w:AUTHORED]->(p)
  WITH a, w ORDER BY w.position, a.id
  RETURN collect(a {.id, .name}) AS authors
}
CALL (p) {
  MATCH (q:Paper)-[:CITES]->(p)
  WITH q ORDER BY q.year DESC, q.title, q.id LIMIT 20
  CALL (q) {
    MATCH (a:Researcher)-[w:AUTHORED]->(q)
    WITH a, w ORDER BY w.position, a.id
    RETURN collect(a {.id, .name}) AS authors
  }
  RETURN collect(q {.id, .title, .year, authors: authors}) AS citedBy
}
RETURN p.title AS title, authors, citedBy
