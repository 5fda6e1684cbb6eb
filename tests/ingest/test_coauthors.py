"""COAUTHOR kept by the writer: equal to what the papers say after loads, reloads and merges;
built by `migrate` where missing; `check coauthors` reports any difference."""

from __future__ import annotations

import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.db.shared_papers import build_missing, differences
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.pair_changes import changes
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, check_finds_planted, kept_links, wipe

SEED_COAUTHORS = {  # the profile's coauthors by shared works, as DESIGN.md lists them
    "xinchao-wang": 5,
    "jie-song": 4,
    "mingli-song": 4,
    "haofei-zhang": 2,
}


async def coauthor_links(db: Database) -> set[tuple[str, str, int]]:
    """Every COAUTHOR as (from, to, shared)."""
    return await kept_links(db, "COAUTHOR", "shared")


def both_ways(*pairs: tuple[str, str, int]) -> set[tuple[str, str, int]]:
    return {link for a, b, n in pairs for link in ((a, b, n), (b, a, n))}


def people(*ids: str) -> list[Researcher]:
    return [Researcher(id=i, name=i.title()) for i in ids]


def test_changes_count_each_pair_once_per_paper() -> None:
    before = {"p1": ["ann", "bob"], "p2": ["ann", "bob"]}
    after = {"p1": ["ann", "bob", "ann"], "p2": ["bob", "cat"], "p3": ["cat", "ann"]}
    assert changes(before, after) == [  # p1 is unchanged (ann twice is still ann)
        {"a": "ann", "b": "bob", "by": -1},
        {"a": "ann", "b": "cat", "by": 1},
        {"a": "bob", "b": "cat", "by": 1},
    ]


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def test_the_seed_profile_coauthors_are_materialised(empty: Database) -> None:
    await load_seed(empty)
    records, _, _ = await empty.driver.execute_query(
        "MATCH (:Researcher {id: 'gongfan-fang'})-[k:COAUTHOR]->(c) WHERE k.shared >= 2 "
        "RETURN c.id AS id, k.shared AS shared"
    )
    assert {r["id"]: r["shared"] for r in records} == SEED_COAUTHORS
    assert (await differences(empty)).count == 0
    await load_seed(empty)  # loading again changes nothing
    assert (await differences(empty)).count == 0


async def test_a_changed_author_list_on_reload_moves_coauthorship(empty: Database) -> None:
    first: list[Record] = [
        *people("ann", "bob", "cat", "dan"),
        Paper(id="p1", title="One", authors=["ann", "bob", "cat"]),
        Paper(id="p2", title="Two", authors=["ann", "bob"]),
    ]
    await Loader(empty).load(Records(first))
    assert await coauthor_links(empty) == both_ways(
        ("ann", "bob", 2), ("ann", "cat", 1), ("bob", "cat", 1)
    )
    # p1 loses bob and gains dan; p2 is not in this batch
    await Loader(empty).load(Records([Paper(id="p1", title="One", authors=["ann", "cat", "dan"])]))
    assert await coauthor_links(empty) == both_ways(
        ("ann", "bob", 1), ("ann", "cat", 1), ("ann", "dan", 1), ("cat", "dan", 1)
    )
    assert (await differences(empty)).count == 0


async def test_removing_an_author_removes_the_coauthorship(empty: Database) -> None:
    await Loader(empty).load(
        Records([*people("ann", "bob"), Paper(id="p1", title="One", authors=["ann", "bob"])])
    )
    assert await coauthor_links(empty) == both_ways(("ann", "bob", 1))
    await Loader(empty).load(Records([Paper(id="p1", title="One", authors=["ann"])]))
    assert await coauthor_links(empty) == set()
    assert (await differences(empty)).count == 0


class Merge(Records):
    """No new records, only bob's id merged into ann's."""

    def redirects(self) -> dict[str, dict[str, str]]:
        return {"researcher": {"bob": "ann"}}


async def test_a_merged_researcher_brings_their_coauthorship(empty: Database) -> None:
    await Loader(empty).load(
        Records(
            [
                *people("ann", "bob", "cat"),
                Paper(id="p1", title="One", authors=["bob", "cat"]),
                Paper(id="p2", title="Two", authors=["ann", "cat"]),
            ]
        )
    )
    await Loader(empty).load(Merge([]))
    assert await coauthor_links(empty) == both_ways(("ann", "cat", 2))
    assert (await differences(empty)).count == 0


async def test_migrate_builds_coauthor_where_missing(empty: Database) -> None:
    await load_seed(empty)
    before = await coauthor_links(empty)
    await empty.driver.execute_query("MATCH ()-[k:COAUTHOR]->() DELETE k")
    assert (await differences(empty)).count == 256
    assert await build_missing(empty, batch=5) == 33  # every seed researcher has a coauthor
    assert await coauthor_links(empty) == before
    await migrate(empty)
    assert await build_missing(empty) == 0  # nothing missing now: nothing built
    assert await coauthor_links(empty) == before
    assert (await differences(empty)).count == 0


async def test_check_reports_a_planted_difference(empty: Database, settings: Settings) -> None:
    await load_seed(empty)
    await check_finds_planted(
        empty,
        settings,
        "coauthors",
        [
            "MATCH (:Researcher {id: 'gongfan-fang'})-[k:COAUTHOR]->(:Researcher {id: 'jie-song'}) "
            "SET k.shared = 3",
            "MATCH (a:Researcher {id: 'kanya-mo'}), (b:Researcher {id: 'weiming-lu'}) "
            "CREATE (a)-[:COAUTHOR {shared: 1}]->(b)",
        ],
        [
            "gongfan-fang -> jie-song: 4 shared papers, COAUTHOR shared 3",
            "kanya-mo -> weiming-lu: 0 shared papers, COAUTHOR shared 1",
        ],
    )
