// The given node ids the graph holds as another kind, one index seek per label and id: ids are
// unique across kinds (an absorbed researcher's id stays a researcher's).
// In: $researchers, $papers, $topics, $institutions (the ids given as each kind).
// Out: id, kind (as given), held (the kind the graph holds the id as).
UNWIND [['researcher', $researchers], ['paper', $papers], ['topic', $topics],
        ['institution', $institutions]] AS given
WITH given[0] AS kind, given[1] AS ids
CALL (kind, ids) {
  MATCH (n:Researcher) WHERE kind <> 'researcher' AND n.id IN ids
  RETURN n.id AS id, 'researcher' AS held
  UNION
  MATCH (n:Merged) WHERE kind <> 'researcher' AND n.id IN ids
  RETURN n.id AS id, 'researcher' AS held
  UNION
  MATCH (n:Paper) WHERE kind <> 'paper' AND n.id IN ids
  RETURN n.id AS id, 'paper' AS held
  UNION
  MATCH (n:Topic) WHERE kind <> 'topic' AND n.id IN ids
  RETURN n.id AS id, 'topic' AS held
  UNION
  MATCH (n:Institution) WHERE kind <> 'institution' AND n.id IN ids
  RETURN n.id AS id, 'institution' AS held
}
RETURN id, kind, held
