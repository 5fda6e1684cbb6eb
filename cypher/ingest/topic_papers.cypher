// The papers about the topics a fold merges (their topic lists change with it).
// In: $topics [{old, new}]. Out: papers [id].
UNWIND $topics AS pair
MATCH (p:Paper)-[:ABOUT]->(:Topic {id: pair.old})
RETURN collect(DISTINCT p.id) AS papers
