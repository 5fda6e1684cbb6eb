// Folds works whose OpenAlex id was merged into another: authorships, topics and citations
// move to the surviving paper (made from the old one's properties if missing), the old node
// goes. A merged id that is only cited so far (a :Stub) hands its citations to the surviving
// paper, or to the surviving id's stub. In: $pairs [{old, new}]. Out: folded.
UNWIND $pairs AS pair
OPTIONAL MATCH (oldPaper:Paper {id: pair.old})
OPTIONAL MATCH (oldStub:Stub {id: pair.old})
WITH pair, coalesce(oldPaper, oldStub) AS old, oldPaper IS NOT NULL AS isPaper
WHERE old IS NOT NULL
OPTIONAL MATCH (newStub:Stub {id: pair.new})
// a paper's content makes the surviving id a paper (taking the stub's citations with it)
FOREACH (s IN CASE WHEN isPaper AND newStub IS NOT NULL THEN [newStub] ELSE [] END |
  REMOVE s:Stub SET s:Paper)
WITH pair, old, isPaper
OPTIONAL MATCH (newPaper:Paper {id: pair.new})
FOREACH (_ IN CASE WHEN newPaper IS NULL AND isPaper THEN [1] ELSE [] END |
  MERGE (made:Paper {id: pair.new}))
FOREACH (_ IN CASE WHEN newPaper IS NULL AND NOT isPaper THEN [1] ELSE [] END |
  MERGE (:Stub {id: pair.new}))
WITH pair, old, isPaper, newPaper IS NULL AND isPaper AS fresh
OPTIONAL MATCH (p:Paper {id: pair.new})
OPTIONAL MATCH (s:Stub {id: pair.new})
WITH pair, old, coalesce(p, s) AS new, fresh
// the old node goes: its id first, so that a surviving id new to the graph can take the rest of
// its properties (copied with it, the id would clash with it until it is deleted)
REMOVE old.id
FOREACH (_ IN CASE WHEN fresh THEN [1] ELSE [] END | SET new += properties(old))
WITH old, new
CALL (old, new) {
  MATCH (r:Researcher)-[a:AUTHORED]->(old)
  MERGE (r)-[moved:AUTHORED]->(new)
  SET moved += properties(a)
}
CALL (old, new) {
  MATCH (old)-[a:ABOUT]->(t:Topic)
  MERGE (new)-[moved:ABOUT]->(t)
  SET moved.score = coalesce(moved.score, a.score)
  {{ unrank(t) }}
}
CALL (old, new) {
  MATCH (old)-[:CITES]->(cited) WHERE cited <> new
  MERGE (new)-[:CITES]->(cited)
}
CALL (old, new) {
  MATCH (citing:Paper)-[:CITES]->(old) WHERE citing <> new
  MERGE (citing)-[:CITES]->(new)
}
DETACH DELETE old
RETURN count(*) AS folded
