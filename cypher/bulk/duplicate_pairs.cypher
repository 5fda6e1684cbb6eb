// After a bulk import: the duplicate candidate pairs the conversion scored beside the import,
// each from the smaller id to the larger, as duplicates/store_pairs makes them (a list absent
// when the pair has no reasons, as the import would leave it); safe to run again.
// In: $pairs [{a, b, score, reasons, counts, weights}]. Out: stored (pairs given).
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair.a}), (b:Researcher {id: pair.b})
MERGE (a)-[d:DUPLICATE_CANDIDATE]->(b)
SET d.score = pair.score, d.reasons = pair.reasons, d.counts = pair.counts,
    d.weights = pair.weights
RETURN count(*) AS stored
