// Applies what a batch did to papers' author lists to COAUTHOR {shared}: each pair of
// researchers gains or loses the papers it now shares or no longer shares, both ways in one row
// (both relationships always carry the same count); a pair left with none loses its COAUTHOR.
// In: $changes [{a, b, by}] (researcher ids, each pair once, by = +n or -n).
// Out: removed (COAUTHOR relationships deleted).
UNWIND $changes AS change
MATCH (a:Researcher {id: change.a}), (b:Researcher {id: change.b})
MERGE (a)-[ab:COAUTHOR]->(b)
  ON CREATE SET ab.shared = 0
MERGE (b)-[ba:COAUTHOR]->(a)
  ON CREATE SET ba.shared = 0
SET ab.shared = ab.shared + change.by
SET ba.shared = ba.shared + change.by
WITH [k IN [ab, ba] WHERE k.shared <= 0] AS gone
FOREACH (k IN gone | DELETE k)
RETURN sum(size(gone)) AS removed
