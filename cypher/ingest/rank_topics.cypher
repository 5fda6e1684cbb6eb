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
{{ ranked_neighbours(t) }}
SET t.bestPapers = papers, t.bestResearchers = researchers
RETURN count(t) AS ranked
