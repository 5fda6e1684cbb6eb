// One step of the walk an id written by an import takes to the record that holds it now (see
// bzpeer_graphql/ingest/routes.py): an absorbed record's id to the record it was merged into; a
// work split out of a live record to the record it went to. In: $ids [researcher id].
// Out, only for the ids that send something elsewhere: id, merged (id | null), splits [{paper,
// to}] (the works split out of the live record of that id).
UNWIND $ids AS id
OPTIONAL MATCH (:Merged {id: id})-[:MERGED_INTO]->(into)
OPTIONAL MATCH (r:Researcher {id: id})
WITH id, into,
     CASE WHEN r IS NULL THEN []
          ELSE [(r)-[mark:SPLIT_OUT]->(p:Paper) | {paper: p.id, to: mark.to}] END AS splits
WHERE into IS NOT NULL OR size(splits) > 0
RETURN id, into.id AS merged, splits
