// Keeps each researcher id that the source's merged_ids folded into its survivor while an import
// read it, and that the graph never held, resolving to that survivor: the id becomes an absorbed
// record (:Merged, MERGED_INTO the survivor, as a merge leaves one) with the name the source gave
// it and nothing else (no time: the fold is the source's fact, so loads in any order give one
// graph). An id the graph holds in any way is left as it is.
// In: $folds [{old, new, name}], $by (the importer's user id). Out: nothing.
UNWIND $folds AS fold
MATCH (s:Researcher {id: fold.new})
WITH fold, s
WHERE NOT EXISTS { (:Researcher {id: fold.old}) } AND NOT EXISTS { (:Merged {id: fold.old}) }
CREATE (m:Merged {id: fold.old, mergedInto: s.id, folded: true})
SET m.name = fold.name
CREATE (m)-[:MERGED_INTO {by: $by}]->(s)
