// The authors and topics the given papers have, read before and after a batch rewrites or folds
// them, so the batch can tell what it changed in COAUTHOR and RELATED.
// In: $papers [id]. Out: papers [{id, authors: [id], topics: [id]}] (the ids that are papers).
UNWIND $papers AS pid
MATCH (p:Paper {id: pid})
RETURN collect({
  id: pid,
  authors: COLLECT { MATCH (r:Researcher)-[:AUTHORED]->(p) RETURN DISTINCT r.id },
  topics: COLLECT { MATCH (p)-[:ABOUT]->(t:Topic) RETURN DISTINCT t.id }
}) AS papers
