// Floor: coauthors (20), their coauthors (20 each) and those people's works (20 each), three
// levels in one query. In: $id. Out: coauthors [{id, name, shared, coauthors: [{id, name,
// shared, works: [{id, title, year}]}]}], each level ordered as the API orders it. Coauthors
// come from COAUTHOR {shared}, as the API's loaders read them.
MATCH (r:Researcher {id: $id})
CALL (r) {
  MATCH (r)-[k:COAUTHOR]->(c:Researcher)
  WITH c, k.shared AS shared
  ORDER BY shared DESC, c.name, c.id LIMIT 20
  CALL (c) {
    MATCH (c)-[k2:COAUTHOR]->(c2:Researcher)
    WITH c2, k2.shared AS shared2
    ORDER BY shared2 DESC, c2.name, c2.id LIMIT 20
    CALL (c2) {
      MATCH (c2)-[:AUTHORED]->(w:Paper)
      WITH w ORDER BY w.year DESC, w.title, w.id LIMIT 20
      RETURN collect(w {.id, .title, .year}) AS works
    }
    RETURN collect({id: c2.id, name: c2.name, shared: shared2, works: works}) AS inner
  }
  RETURN collect({id: c.id, name: c.name, shared: shared, coauthors: inner}) AS coauthors
}
RETURN coauthors
