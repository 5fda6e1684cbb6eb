// What every write that adds, removes or rescores a topic's ABOUT or WORKS_ON does to the topic
// {topic} in the same transaction: drops its ranked neighbours (cypher/ingest/rank_topics), so
// that a neighbourhood reads its links whole until they are ranked again. The first SET is a
// real write: it takes the topic's lock (a REMOVE of a property the node lacks takes none), so a
// ranking running beside this write either commits before it (and is dropped here) or reads
// the links after it has committed.
SET {topic}.bestPapers = [] REMOVE {topic}.bestPapers, {topic}.bestResearchers
