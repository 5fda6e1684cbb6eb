// One step of the walk an id written by an import takes to the record that holds it now (see
// bzpeer_graphql/ingest/routes.py): an absorbed record's id to the record it was merged into; a
// work split out of a live record to the record it went to. In: $steps [{paper (id | null),
// id}]. Out, only for the steps that move: paper, id, merged (id | null), split (id | null).
UNWIND $steps AS step
OPTIONAL MATCH (:Merged {id: step.id})-[:MERGED_INTO]->(into)
OPTIONAL MATCH (:Researcher {id: step.id})-[mark:SPLIT_OUT]->(:Paper {id: step.paper})
WITH step, into, mark
WHERE into IS NOT NULL OR mark IS NOT NULL
RETURN step.paper AS paper, step.id AS id, into.id AS merged, mark.to AS split
