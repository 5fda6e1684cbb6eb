// Ranks the neighbours of topics too linked to read whole on every neighbourhood step: a topic
// with more than $keep papers (ABOUT) or researchers (WORKS_ON) and no ranking keeps the ids of
// its papers and of its researchers whose link weighs at least the $keep-th heaviest (ties at
// that weight kept; a null weight counts heaviest, as explore/neighbourhood_step orders them),
// every one of them when it has fewer: bestPapers, bestResearchers, ids sorted. They hold every
// neighbour of the kind among its $keep best, whatever the names and titles the step breaks
// ties by, so the step (limitPerNode < $keep) reads those instead of every link. Every write
// to a topic's ABOUT or WORKS_ON drops its ranking (fragments/unrank); the writers call this
// once they are done. Each topic's lock is taken before its links are read (the first SET), so
// a write beside this either commits first and is read here, or drops what this writes.
// In: $keep, $limit (topics a transaction ranks). Out: ranked (how many topics).
MATCH (t:Topic)
WHERE t.bestPapers IS NULL
  AND (COUNT { (t)<-[:ABOUT]-() } > $keep OR COUNT { (t)<-[:WORKS_ON]-() } > $keep)
WITH t LIMIT $limit
SET t.bestPapers = [], t.bestResearchers = []
WITH t
CALL (t) {
  MATCH (p:Paper)-[a:ABOUT]->(t)
  RETURN 'papers' AS kind, p.id AS id, a.score AS weight
  UNION ALL
  MATCH (r:Researcher)-[k:WORKS_ON]->(t)
  RETURN 'researchers' AS kind, r.id AS id, k.score AS weight
}
WITH t, kind, id, weight
ORDER BY weight DESC
WITH t, kind, collect({id: id, weight: weight}) AS links
WITH t, kind, links, links[$keep - 1] AS last
WITH t, kind, COLLECT {
  UNWIND links AS x
  WITH x WHERE last IS NULL OR x.weight IS NULL OR x.weight >= last.weight
  RETURN DISTINCT x.id AS id ORDER BY id
} AS best
WITH t, collect({kind: kind, best: best}) AS kinds
SET t.bestPapers = coalesce(head([k IN kinds WHERE k.kind = 'papers' | k.best]), []),
    t.bestResearchers = coalesce(head([k IN kinds WHERE k.kind = 'researchers' | k.best]), [])
RETURN count(t) AS ranked
