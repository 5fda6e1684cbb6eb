// Applies what a batch did to papers' topics to RELATED {shared}: each pair of topics gains or
// loses the papers it now shares or no longer shares, both ways in one row (both relationships
// always carry the same count); a pair left with none loses its RELATED.
// In: $changes [{a, b, by}] (topic ids, each pair once, by = +n or -n).
// Out: removed (RELATED relationships deleted).
UNWIND $changes AS change
MATCH (a:Topic {id: change.a}), (b:Topic {id: change.b})
MERGE (a)-[ab:RELATED]->(b)
  ON CREATE SET ab.shared = 0
MERGE (b)-[ba:RELATED]->(a)
  ON CREATE SET ba.shared = 0
SET ab.shared = ab.shared + change.by
SET ba.shared = ba.shared + change.by
WITH [k IN [ab, ba] WHERE k.shared <= 0] AS gone
FOREACH (k IN gone | DELETE k)
RETURN sum(size(gone)) AS removed
