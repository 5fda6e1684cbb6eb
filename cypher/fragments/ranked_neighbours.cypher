// The ranked neighbours of the topic {topic} as its links say (the rule of
// cypher/ingest/rank_topics): per kind, the ids (distinct, sorted) whose link weighs at least
// the $keep-th heaviest, a null weight counting heaviest, ties at that weight kept, every one
// when it has fewer; [] for a kind it has no link of. Leaves {topic}, papers, researchers.
OPTIONAL CALL ({topic}) {
  MATCH (p:Paper)-[a:ABOUT]->({topic})
  RETURN 'papers' AS kind, p.id AS id, a.score AS weight
  UNION ALL
  MATCH (r:Researcher)-[k:WORKS_ON]->({topic})
  RETURN 'researchers' AS kind, r.id AS id, k.score AS weight
}
WITH {topic}, kind, id, weight
ORDER BY weight DESC
WITH {topic}, kind, collect({id: id, weight: weight}) AS links
WITH {topic}, kind, links, links[$keep - 1] AS last
WITH {topic}, kind, COLLECT {
  UNWIND links AS x
  WITH x WHERE last IS NULL OR x.weight IS NULL OR x.weight >= last.weight
  RETURN DISTINCT x.id AS id ORDER BY id
} AS best
WITH {topic}, collect({kind: kind, best: best}) AS kinds
WITH {topic}, coalesce(head([k IN kinds WHERE k.kind = 'papers' | k.best]), []) AS papers,
     coalesce(head([k IN kinds WHERE k.kind = 'researchers' | k.best]), []) AS researchers
