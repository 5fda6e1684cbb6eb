// Remembers a split so that an import does not undo it: each work moved from record $source to
// $target gets (source)-[:SPLIT_OUT {to, at}]->(work), which the writer follows when a work
// names the source again; the target drops such a mark of its own for the work (it holds the
// work now, so a split back does not make a loop). In: $source, $target, $works [paper id].
// Out: marked (marks written).
MATCH (s:Researcher {id: $source})
MATCH (t:Researcher {id: $target})
UNWIND $works AS wid
MATCH (p:Paper {id: wid})
CALL (t, p) {
  OPTIONAL MATCH (t)-[old:SPLIT_OUT]->(p)
  DELETE old
}
MERGE (s)-[mark:SPLIT_OUT]->(p)
SET mark.to = t.id, mark.at = datetime()
RETURN count(mark) AS marked
