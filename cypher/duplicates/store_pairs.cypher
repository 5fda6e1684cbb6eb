// Replaces the stored candidate pairs of the given records: every DUPLICATE_CANDIDATE touching
// one of them (live or absorbed) goes, the scored pairs are made (from the smaller id to the
// larger), and the records lose :DuplicatesStale and note the rules' version in
// `duplicatesScored`. Pairs of two other records keep theirs.
// In: $ids [researcher id], $pairs [{a, b, score, reasons, counts, weights}], $version.
// Out: stored (pairs made).
CALL () {
  UNWIND $ids AS id
  CALL (id) {
    MATCH (:Researcher {id: id})-[d:DUPLICATE_CANDIDATE]-()
    RETURN d
    UNION
    MATCH (:Merged {id: id})-[d:DUPLICATE_CANDIDATE]-()
    RETURN d
  }
  WITH DISTINCT d
  DELETE d
}
CALL () {
  UNWIND $pairs AS pair
  MATCH (a:Researcher {id: pair.a}), (b:Researcher {id: pair.b})
  CREATE (a)-[:DUPLICATE_CANDIDATE {
    score: pair.score, reasons: pair.reasons, counts: pair.counts, weights: pair.weights
  }]->(b)
}
CALL () {
  UNWIND $ids AS id
  MATCH (r:DuplicatesStale {id: id})
  REMOVE r:DuplicatesStale
}
CALL () {
  UNWIND $ids AS id
  MATCH (r:Researcher {id: id})
  SET r.duplicatesScored = $version
}
RETURN size($pairs) AS stored
