// Uniqueness of `id` for every label; applied by `bzpeer-graphql migrate`, idempotent.
CREATE CONSTRAINT researcher_id IF NOT EXISTS FOR (n:Researcher) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT paper_id IF NOT EXISTS FOR (n:Paper) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT topic_id IF NOT EXISTS FOR (n:Topic) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT institution_id IF NOT EXISTS FOR (n:Institution) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT user_id IF NOT EXISTS FOR (n:User) REQUIRE n.id IS UNIQUE;
// cited works not loaded yet (see cypher/ingest/papers.cypher) and the snapshot parts loaded
CREATE CONSTRAINT stub_id IF NOT EXISTS FOR (n:Stub) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT loaded_part_path IF NOT EXISTS FOR (n:LoadedPart) REQUIRE n.path IS UNIQUE;
CREATE CONSTRAINT merged_id IF NOT EXISTS FOR (n:Merged) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT identity_event_id IF NOT EXISTS FOR (n:IdentityEvent) REQUIRE n.id IS UNIQUE;
CREATE CONSTRAINT merge_proposal_id IF NOT EXISTS FOR (n:MergeProposal) REQUIRE n.id IS UNIQUE;
