// Marks researchers whose works' authors, topics or topic scores a batch or fold changed: their
// WORKS_ON is recounted once, when the load ends (cypher/ingest/works_on.cypher), not by
// every batch that touches them. In: $researchers [id]. Out: marked.
UNWIND $researchers AS rid
MATCH (r:Researcher {id: rid})
SET r:WorksOnStale
RETURN count(r) AS marked
