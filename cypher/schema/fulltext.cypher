// Full-text indexes that `search` and `autocomplete` query (cypher/search/search_results.cypher);
// applied by `bzpeer-graphql migrate`, idempotent. The default analyzer: words split at Unicode
// word boundaries and lowercased, no stop words, no stemming. nameVariants is a list of strings;
// each of its strings is indexed.
CREATE FULLTEXT INDEX researcher_search IF NOT EXISTS
FOR (n:Researcher) ON EACH [n.name, n.nameVariants];
CREATE FULLTEXT INDEX paper_search IF NOT EXISTS FOR (n:Paper) ON EACH [n.title, n.abstract];
CREATE FULLTEXT INDEX topic_search IF NOT EXISTS FOR (n:Topic) ON EACH [n.name];
CREATE FULLTEXT INDEX institution_search IF NOT EXISTS FOR (n:Institution) ON EACH [n.name];
