// The researchers of OpenAlex merged_ids pairs still live in the graph under the absorbed id, so
// the importer merges them through the identity merge (bzpeer_graphql/ingest/identity.py).
// In: $pairs [{old, new}] (new: the end of the merged_ids chain).
// Out, one row per pair whose `old` is a live record: old, survivor (the live record `new` is,
// or was merged into; null when the graph has neither), keptApart (someone undid a merge of the
// two: the importer leaves them apart).
UNWIND $pairs AS pair
MATCH (old:Researcher {id: pair.old})
OPTIONAL MATCH (live:Researcher {id: pair.new})
OPTIONAL MATCH (:Merged {id: pair.new})-[:MERGED_INTO*1..20]->(end:Researcher)
WITH pair, old, coalesce(live, end) AS survivor
RETURN old.id AS old, survivor.id AS survivor,
       pair.new IN coalesce(old.keptApart, [])
         OR (survivor IS NOT NULL AND (survivor.id IN coalesce(old.keptApart, [])
                                      OR old.id IN coalesce(survivor.keptApart, []))) AS keptApart
