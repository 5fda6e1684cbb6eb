// The authors the given papers have before a batch rewrites them (their COAUTHOR links are
// recomputed after it). In: $papers [id]. Out: researchers [id].
UNWIND $papers AS pid
MATCH (r:Researcher)-[:AUTHORED]->(:Paper {id: pid})
RETURN collect(DISTINCT r.id) AS researchers
