// The given node ids the graph holds as another kind: ids are unique across kinds (an absorbed
// researcher's id stays a researcher's). One index seek per label and id.
// In: $nodes [{id, kind}] (kind: researcher | paper | topic | institution).
// Out: id, kind (as given), held (the kind the graph holds the id as).
UNWIND $nodes AS node
CALL (node) {
  MATCH (:Researcher {id: node.id}) RETURN 'researcher' AS held
  UNION
  MATCH (:Merged {id: node.id}) RETURN 'researcher' AS held
  UNION
  MATCH (:Paper {id: node.id}) RETURN 'paper' AS held
  UNION
  MATCH (:Topic {id: node.id}) RETURN 'topic' AS held
  UNION
  MATCH (:Institution {id: node.id}) RETURN 'institution' AS held
}
WITH node, held WHERE held <> node.kind
RETURN node.id AS id, node.kind AS kind, held
