// After a bulk import: one batch of the duplicate candidate pairs the conversion scored beside
// the import, each from the smaller id to the larger, as duplicates/store_pairs makes them (a
// list absent when the pair has no reasons, as the import would leave it). CREATE, not MERGE
// (which walks every relationship of a record to look for the pair); safe to run again all the
// same: a batch whose first pair exists was stored whole and is left alone.
// In: $pairs [{a, b, score, reasons, counts, weights}] (at least one). Out: stored (pairs made).
MATCH (a0:Researcher {id: $pairs[0].a}), (b0:Researcher {id: $pairs[0].b})
WHERE NOT EXISTS { (a0)-[:DUPLICATE_CANDIDATE]->(b0) }
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair.a}), (b:Researcher {id: pair.b})
CREATE (a)-[:DUPLICATE_CANDIDATE {
  score: pair.score, reasons: pair.reasons, counts: pair.counts, weights: pair.weights
}]->(b)
RETURN count(*) AS stored
