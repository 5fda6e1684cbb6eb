// Property indexes the loaders filter and sort on; applied by `bzpeer-graphql migrate`, idempotent.
CREATE INDEX paper_year IF NOT EXISTS FOR (n:Paper) ON (n.year);
CREATE INDEX paper_doi IF NOT EXISTS FOR (n:Paper) ON (n.doi);
CREATE INDEX paper_arxiv IF NOT EXISTS FOR (n:Paper) ON (n.arxivId);
CREATE INDEX researcher_orcid IF NOT EXISTS FOR (n:Researcher) ON (n.orcid);
CREATE INDEX researcher_name IF NOT EXISTS FOR (n:Researcher) ON (n.name);
CREATE INDEX topic_name IF NOT EXISTS FOR (n:Topic) ON (n.name);
CREATE INDEX institution_ror IF NOT EXISTS FOR (n:Institution) ON (n.ror);
CREATE INDEX user_handle IF NOT EXISTS FOR (n:User) ON (n.handle);
// Papers without a year, which the writer labels :Undated, follow the dated ones in lists by year;
// the index also makes the label known before any such paper exists, so no query warns about it.
CREATE INDEX paper_undated IF NOT EXISTS FOR (n:Undated) ON (n.id);
// Candidate duplicates are found by blocking on this key (see bzpeer_graphql/identity/names.py).
CREATE INDEX researcher_name_key IF NOT EXISTS FOR (n:Researcher) ON (n.nameKey);
// The key of a name read in the other order: blocking looks both keys up both ways.
CREATE INDEX researcher_name_key_alt IF NOT EXISTS FOR (n:Researcher) ON (n.nameKeyAlt);
// The head and tail keys of a long family name: blocking finds a family name one edit away.
CREATE INDEX researcher_name_key_head IF NOT EXISTS FOR (n:Researcher) ON (n.nameKeyHead);
CREATE INDEX researcher_name_key_tail IF NOT EXISTS FOR (n:Researcher) ON (n.nameKeyTail);
// Stored duplicate candidate pairs, listed most likely first (bzpeer_graphql/db/duplicate_pairs.py).
CREATE INDEX duplicate_candidate_score IF NOT EXISTS FOR ()-[d:DUPLICATE_CANDIDATE]-() ON (d.score);
// Records whose candidate pairs wait to be scored again (the writer marks them).
CREATE INDEX researcher_duplicates_stale IF NOT EXISTS FOR (n:DuplicatesStale) ON (n.id);
