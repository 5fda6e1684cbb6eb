"""`migrate` puts the constraints and indexes of cypher/schema/ in place, idempotently."""

from __future__ import annotations

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate

CONSTRAINTS = {
    "researcher_id",
    "paper_id",
    "topic_id",
    "institution_id",
    "user_id",
    "stub_id",
    "loaded_part_path",
    "merged_id",
    "identity_event_id",
    "merge_proposal_id",
}


async def test_migrate_twice_is_fine(db: Database) -> None:
    first = await migrate(db)
    second = await migrate(db)
    assert first == second == 27
    records, _, _ = await db.driver.execute_query("SHOW CONSTRAINTS YIELD name, type")
    uniqueness = {r["name"] for r in records if r["type"] == "UNIQUENESS"}
    assert uniqueness == CONSTRAINTS
    records, _, _ = await db.driver.execute_query("SHOW INDEXES YIELD name, type, state")
    names = {r["name"] for r in records}
    assert {
        "paper_year",
        "paper_doi",
        "researcher_orcid",
        "paper_undated",
        "researcher_name_key",
        "researcher_name_key_alt",
        "duplicate_candidate_score",
        "researcher_duplicates_stale",
    } <= names
    fulltext = {r["name"] for r in records if r["type"] == "FULLTEXT"}
    assert fulltext == {"researcher_search", "paper_search", "topic_search", "institution_search"}
    assert {r["state"] for r in records} == {"ONLINE"}
