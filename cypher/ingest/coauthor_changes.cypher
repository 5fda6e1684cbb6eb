// Applies what a batch did to papers' author lists to COAUTHOR {shared}: each ordered pair of
// researchers gains or loses the papers it now shares or no longer shares; a pair left with
// none loses its COAUTHOR. In: $changes [{a, b, by}] (researcher ids, by = +n or -n).
// Out: removed (COAUTHOR relationships deleted).
UNWIND $changes AS change
MATCH (a:Researcher {id: change.a}), (b:Researcher {id: change.b})
MERGE (a)-[k:COAUTHOR]->(b)
  ON CREATE SET k.shared = 0
SET k.shared = k.shared + change.by
WITH k WHERE k.shared <= 0
DELETE k
RETURN count(*) AS removed
