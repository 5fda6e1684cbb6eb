// Floor: a researcher's works in a year range, oldest first, with citation counts.
// In: $id, $from, $to. Out: works [{id, title, year, venue, citedBy}] (20 at most).
MATCH (r:Researcher {id: $id})-[:AUTHORED]->(p:Paper)
WHERE p.year >= $from AND p.year <= $to
WITH p ORDER BY p.year, p.title, p.id LIMIT 20
RETURN collect(p {.id, .title, .year, .venue, citedBy: COUNT { (:Paper)-[:CITES]->(p) }}) AS works
