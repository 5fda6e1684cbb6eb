// The given records and their coauthors: whose features an identity action changes (a coauthor's
// list of coauthor ids changes when works move between records). In: $ids. Out: ids.
UNWIND $ids AS id
CALL (id) {
  MATCH (r:Researcher {id: id})
  RETURN r.id AS found
  UNION
  MATCH (:Researcher {id: id})-[:COAUTHOR]->(c:Researcher)
  RETURN c.id AS found
}
RETURN collect(DISTINCT found) AS ids
