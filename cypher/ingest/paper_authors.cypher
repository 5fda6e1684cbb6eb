// The authors the given papers have before a batch rewrites them, so the batch can tell what it
// changed in COAUTHOR. In: $papers [id]. Out: papers [{id, authors: [id]}] (papers with authors).
UNWIND $papers AS pid
MATCH (r:Researcher)-[:AUTHORED]->(:Paper {id: pid})
WITH pid, collect(DISTINCT r.id) AS authors
RETURN collect({id: pid, authors: authors}) AS papers
