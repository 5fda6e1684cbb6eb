// Makes the record an OpenAlex merged_ids pair keeps when the graph does not hold it yet, from
// the absorbed record's properties (one person, under OpenAlex's surviving id), so the identity
// merge has a record to merge into. In: $old, $new. Out: id.
MATCH (old:Researcher {id: $old})
MERGE (new:Researcher {id: $new})
  ON CREATE SET new += old {.*, id: $new, keptApart: null}
RETURN new.id AS id
