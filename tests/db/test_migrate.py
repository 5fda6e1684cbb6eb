"""`migrate` puts the constraints and indexes of cypher/schema/ in place, idempotently."""

from __future__ import annotations

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.identity.names import KEY_VERSION
from tests.helpers import wipe

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
    assert first == second == 29
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
        "researcher_name_key_head",
        "researcher_name_key_tail",
        "duplicate_candidate_score",
        "researcher_duplicates_stale",
    } <= names
    fulltext = {r["name"] for r in records if r["type"] == "FULLTEXT"}
    assert fulltext == {"researcher_search", "paper_search", "topic_search", "institution_search"}
    assert {r["state"] for r in records} == {"ONLINE"}


async def test_migrate_recomputes_name_keys_of_older_rules_and_pairs_them(db: Database) -> None:
    await wipe(db)
    # keys as the rules before transliteration stored them: 'Łukasz' lost its 'Ł'
    await db.driver.execute_query(
        "CREATE (:Researcher {id: 'lk-1', name: 'Łukasz Kaiser', nameKey: 'kaiser u', "
        "nameKeyAlt: 'ukasz k'}), (:Researcher {id: 'lk-2', name: 'Lukasz Kaiser', "
        "nameKey: 'kaiser l', nameKeyAlt: 'lukasz k'}), (:Researcher {id: 'ow', "
        "name: 'Wilhelm Hasselbring'})"
    )
    await migrate(db)
    rows, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher) RETURN r.id AS id, r.nameKey AS key, r.nameKeyAlt AS alt, "
        "r.nameKeyHead AS head, r.nameKeyVersion AS version ORDER BY id"
    )
    assert [r.data() for r in rows] == [
        {"id": "lk-1", "key": "kaiser l", "alt": "lukasz k", "head": None, "version": KEY_VERSION},
        {"id": "lk-2", "key": "kaiser l", "alt": "lukasz k", "head": None, "version": KEY_VERSION},
        {"id": "ow", "key": "haselbring w", "alt": "wilhelm h", "head": "<has10 w",
         "version": KEY_VERSION},
    ]  # fmt: skip
    pairs, _, _ = await db.driver.execute_query(
        "MATCH (a)-[d:DUPLICATE_CANDIDATE]->(b) RETURN a.id AS a, b.id AS b, d.reasons AS why"
    )
    assert [p.data() for p in pairs] == [{"a": "lk-1", "b": "lk-2", "why": ["SAME_NAME"]}]
    await wipe(db)
