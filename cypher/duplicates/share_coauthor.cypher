// Which of the given pairs of records share a coauthor. In: $pairs [[a, b]] (researcher ids).
// Out: a, b (the pairs that do).
UNWIND $pairs AS pair
MATCH (a:Researcher {id: pair[0]}), (b:Researcher {id: pair[1]})
WHERE EXISTS { (a)-[:COAUTHOR]->()-[:COAUTHOR]->(b) }
RETURN a.id AS a, b.id AS b
