"""RELATED kept by the writer: equal to what the papers say after loads, reloads and folds of
merged papers and topics; built by `migrate` where missing; `check related` reports any
difference; what reads related topics gives the same answers as counting papers."""

from __future__ import annotations

import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.db.shared_papers import RELATED, build_missing, differences
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, PaperTopic, Record, Topic
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, check_finds_planted, kept_links, wipe
from tests.ingest.test_coauthors import both_ways

SEED_RELATED = (  # the seed's topics that share papers, and how many
    ("data-free-learning", "knowledge-distillation", 3),
    ("dataset-distillation", "knowledge-distillation", 1),
    ("graph-neural-networks", "knowledge-distillation", 1),
    ("interpretability", "transfer-learning", 2),
    ("knowledge-amalgamation", "knowledge-distillation", 3),
    ("knowledge-amalgamation", "scene-understanding", 1),
)


async def related_links(db: Database) -> set[tuple[str, str, int]]:
    """Every RELATED as (from, to, shared)."""
    return await kept_links(db, "RELATED", "shared")


async def counted_from_papers(db: Database) -> set[tuple[str, str, int]]:
    """What RELATED must be: papers in common, counted from ABOUT, for every ordered pair."""
    records, _, _ = await db.driver.execute_query(
        "MATCH (a:Topic)<-[:ABOUT]-(p:Paper)-[:ABOUT]->(b:Topic) WHERE a <> b "
        "RETURN a.id AS a, b.id AS b, count(DISTINCT p) AS n"
    )
    return {(r["a"], r["b"], r["n"]) for r in records}


def topics(*ids: str) -> list[Topic]:
    return [Topic(id=i, name=i.upper()) for i in ids]


def paper(paper_id: str, *about: str) -> Paper:
    return Paper(id=paper_id, title=paper_id, topics=[PaperTopic(t, 0.5) for t in about])


class Redirected(Records):
    """No new records, only merged ids to fold."""

    def __init__(self, redirects: dict[str, dict[str, str]]) -> None:
        super().__init__([])
        self._redirects = redirects

    def redirects(self) -> dict[str, dict[str, str]]:
        return self._redirects


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def test_the_seed_topics_are_related_as_their_papers_say(empty: Database) -> None:
    await load_seed(empty)
    kept = await related_links(empty)
    assert kept == both_ways(*SEED_RELATED)
    assert kept == await counted_from_papers(empty)
    assert (await differences(empty, RELATED)).count == 0
    await load_seed(empty)  # loading again changes nothing
    assert await related_links(empty) == kept


async def test_a_changed_topic_list_on_reload_moves_relatedness(empty: Database) -> None:
    first: list[Record] = [
        *topics("t1", "t2", "t3", "t4"),
        paper("p1", "t1", "t2", "t3"),
        paper("p2", "t1", "t2"),
    ]
    await Loader(empty).load(Records(first))
    assert await related_links(empty) == both_ways(
        ("t1", "t2", 2), ("t1", "t3", 1), ("t2", "t3", 1)
    )
    # p1 loses t2 and gains t4; p2 is not in this batch
    await Loader(empty).load(Records([paper("p1", "t1", "t3", "t4")]))
    assert await related_links(empty) == both_ways(
        ("t1", "t2", 1), ("t1", "t3", 1), ("t1", "t4", 1), ("t3", "t4", 1)
    )
    # p2 keeps one topic only: its pair goes
    await Loader(empty).load(Records([paper("p2", "t1")]))
    assert await related_links(empty) == both_ways(
        ("t1", "t3", 1), ("t1", "t4", 1), ("t3", "t4", 1)
    )
    assert (await differences(empty, RELATED)).count == 0


async def test_folded_papers_and_topics_keep_relatedness_exact(empty: Database) -> None:
    await Loader(empty).load(
        Records(
            [
                *topics("t1", "t2", "t3", "t4"),
                paper("old", "t1", "t2"),
                paper("new", "t2", "t3"),
                paper("other", "t3", "t4"),
            ]
        )
    )
    assert await related_links(empty) == both_ways(
        ("t1", "t2", 1), ("t2", "t3", 1), ("t3", "t4", 1)
    )
    # the old paper folds into the new one, which is then about t1, t2 and t3
    await Loader(empty).load(Redirected({"paper": {"old": "new"}}))
    assert await related_links(empty) == both_ways(
        ("t1", "t2", 1), ("t1", "t3", 1), ("t2", "t3", 1), ("t3", "t4", 1)
    )
    # t4 folds into t2: `other` is about t3 and t2 now, so t2 and t3 share two papers
    await Loader(empty).load(Redirected({"topic": {"t4": "t2"}}))
    assert await related_links(empty) == both_ways(
        ("t1", "t2", 1), ("t1", "t3", 1), ("t2", "t3", 2)
    )
    assert await related_links(empty) == await counted_from_papers(empty)
    assert (await differences(empty, RELATED)).count == 0


async def test_migrate_builds_related_where_missing(empty: Database) -> None:
    await load_seed(empty)
    before = await related_links(empty)
    await empty.driver.execute_query("MATCH ()-[k:RELATED]->() DELETE k")
    assert (await differences(empty, RELATED)).count == len(before)
    built = await build_missing(empty, RELATED, batch=3)
    assert built == len({a for a, _, _ in before})  # each topic that shares a paper
    assert await related_links(empty) == before
    await migrate(empty)
    assert await build_missing(empty, RELATED) == 0  # nothing missing now: nothing built
    assert await related_links(empty) == before


async def test_check_related_reports_a_planted_difference(
    empty: Database, settings: Settings
) -> None:
    await Loader(empty).load(
        Records([*topics("t1", "t2", "t3"), paper("p1", "t1", "t2"), paper("p2", "t1", "t2")])
    )
    await check_finds_planted(
        empty,
        settings,
        "related",
        [
            "MATCH (:Topic {id: 't1'})-[k:RELATED]->(:Topic {id: 't2'}) SET k.shared = 3",
            "MATCH (a:Topic {id: 't2'}), (b:Topic {id: 't3'}) "
            "CREATE (a)-[:RELATED {shared: 1}]->(b)",
        ],
        [
            "t1 -> t2: 2 shared papers, RELATED shared 3",
            "t2 -> t3: 0 shared papers, RELATED shared 1",
        ],
    )
