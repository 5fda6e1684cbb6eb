// What the graph holds of the nodes a batch is about to write, so the writer sends only rows that
// change something. In: $researchers, $topics, $institutions, $papers (ids).
// Out: one row: researchers, topics, institutions (their properties), papers [{id, updatedDate}]
// (papers only; a cited work waiting as a :Stub is not one yet).
CALL () {
  UNWIND $researchers AS id
  MATCH (n:Researcher {id: id})
  RETURN collect(properties(n)) AS researchers
}
CALL () {
  UNWIND $topics AS id
  MATCH (n:Topic {id: id})
  RETURN collect(properties(n)) AS topics
}
CALL () {
  UNWIND $institutions AS id
  MATCH (n:Institution {id: id})
  RETURN collect(properties(n)) AS institutions
}
CALL () {
  UNWIND $papers AS id
  MATCH (n:Paper {id: id})
  RETURN collect({id: n.id, updatedDate: n.updatedDate}) AS papers
}
RETURN researchers, topics, institutions, papers
