"""WORKS_ON kept by the writer: a researcher's summed topic scores equal to what the papers say
after loads, reloads, folds and identity merges; built by `migrate` where missing; `check
works-on` reports any difference."""

from __future__ import annotations

import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.db.shared_papers import WORKS_ON, build_missing, differences
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, PaperTopic, Record, Researcher, Topic
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, check_finds_planted, kept_links, wipe
from tests.ingest.test_related import Redirected

#: the seed profile's topics as its researcher works on them, heaviest first
SEED_TOPICS = [
    ("knowledge-distillation", 3.15),
    ("data-free-learning", 2.6),
    ("image-synthesis", 0.9),
    ("knowledge-amalgamation", 0.9),
]


async def works_on(db: Database) -> set[tuple[str, str, float]]:
    """Every WORKS_ON as (researcher, topic, score)."""
    return await kept_links(db, "WORKS_ON", "score")


async def summed_from_papers(db: Database) -> set[tuple[str, str, float]]:
    """What WORKS_ON must be: each researcher's ABOUT scores summed by topic (to 9 decimals)."""
    records, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher)-[:AUTHORED]->(:Paper)-[a:ABOUT]->(t:Topic) "
        "RETURN r.id AS r, t.id AS t, round(sum(a.score), 9) AS s"
    )
    return {(x["r"], x["t"], x["s"]) for x in records}


def paper(paper_id: str, authors: list[str], **scores: float) -> Paper:
    return Paper(
        id=paper_id,
        title=paper_id,
        authors=authors,
        topics=[PaperTopic(t, s) for t, s in scores.items()],
    )


GRAPH: list[Record] = [
    *[Researcher(id=i, name=i.title()) for i in ("ann", "bob", "cat")],
    *[Topic(id=i, name=i.upper()) for i in ("t1", "t2", "t3")],
    paper("p1", ["ann", "bob"], t1=0.5, t2=0.25),
    paper("p2", ["ann"], t1=0.75),
    paper("p3", ["cat"], t3=0.5),
]
BEFORE = {
    ("ann", "t1", 1.25),
    ("ann", "t2", 0.25),
    ("bob", "t1", 0.5),
    ("bob", "t2", 0.25),
    ("cat", "t3", 0.5),
}


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def test_the_seed_researchers_work_on_their_papers_topics(empty: Database) -> None:
    await load_seed(empty)
    kept = await works_on(empty)
    assert kept == await summed_from_papers(empty)
    mine = sorted((-s, t) for r, t, s in kept if r == "gongfan-fang")
    assert [(t, -s) for s, t in mine] == SEED_TOPICS
    assert (await differences(empty, WORKS_ON)).count == 0
    await load_seed(empty)  # loading again changes nothing
    assert await works_on(empty) == kept


async def test_a_reload_with_other_authors_topics_or_scores_moves_works_on(
    empty: Database,
) -> None:
    await Loader(empty).load(Records(GRAPH))
    assert await works_on(empty) == BEFORE
    # p1 loses bob and t1, and t2's score changes; p2 and p3 are not in this batch
    await Loader(empty).load(Records([paper("p1", ["ann"], t2=0.5)]))
    assert await works_on(empty) == {("ann", "t1", 0.75), ("ann", "t2", 0.5), ("cat", "t3", 0.5)}
    assert (await differences(empty, WORKS_ON)).count == 0


async def test_a_recount_updates_works_on_in_place(empty: Database) -> None:
    """A reader beside a recount must never find a WORKS_ON gone under it: kept ones are the
    same relationships after it (a mark set on each survives), only the moved score written."""
    await Loader(empty).load(Records(GRAPH))
    await empty.driver.execute_query("MATCH ()-[k:WORKS_ON]->() SET k.mark = true")
    # p1 loses bob and t1 and t2's score changes: ann's t1 and t2 and bob's t1 and t2 recounted
    await Loader(empty).load(Records([paper("p1", ["ann"], t2=0.5)]))
    marked = await kept_links(empty, "WORKS_ON", "mark")
    assert marked == {("ann", "t1", True), ("ann", "t2", True), ("cat", "t3", True)}
    assert await works_on(empty) == {("ann", "t1", 0.75), ("ann", "t2", 0.5), ("cat", "t3", 0.5)}


async def test_folds_and_merges_keep_works_on_exact(empty: Database) -> None:
    await Loader(empty).load(Records(GRAPH))
    # p3 (cat's) folds into p2 (ann's): p2 is cat's too now, and about t3
    await Loader(empty).load(Redirected({"paper": {"p3": "p2"}}))
    assert await works_on(empty) == BEFORE | {("ann", "t3", 0.5), ("cat", "t1", 0.75)}
    # t2 folds into t1: p1 was about both and keeps t1's score, so t2's scores go
    await Loader(empty).load(Redirected({"topic": {"t2": "t1"}}))
    assert await works_on(empty) == {
        ("ann", "t1", 1.25),
        ("ann", "t3", 0.5),
        ("bob", "t1", 0.5),
        ("cat", "t1", 0.75),
        ("cat", "t3", 0.5),
    }
    # bob merges into ann by the identity merge: p1 is ann's once, so nothing adds up twice
    await Loader(empty).load(Redirected({"researcher": {"bob": "ann"}}))
    assert await works_on(empty) == {
        ("ann", "t1", 1.25),
        ("ann", "t3", 0.5),
        ("cat", "t1", 0.75),
        ("cat", "t3", 0.5),
    }
    assert await works_on(empty) == await summed_from_papers(empty)
    assert (await differences(empty, WORKS_ON)).count == 0


async def test_migrate_builds_works_on_where_missing(empty: Database) -> None:
    await load_seed(empty)
    before = await works_on(empty)
    await empty.driver.execute_query("MATCH ()-[k:WORKS_ON]->() DELETE k")
    assert (await differences(empty, WORKS_ON)).count == len(before)
    assert await build_missing(empty, WORKS_ON, batch=5) == 33  # every seed researcher
    assert await works_on(empty) == before
    await migrate(empty)
    assert await build_missing(empty, WORKS_ON) == 0
    assert await works_on(empty) == before


async def test_check_works_on_reports_a_planted_difference(
    empty: Database, settings: Settings
) -> None:
    await Loader(empty).load(Records(GRAPH))
    await check_finds_planted(
        empty,
        settings,
        "works-on",
        [
            "MATCH (:Researcher {id: 'ann'})-[k:WORKS_ON]->(:Topic {id: 't1'}) SET k.score = 2.0",
            "MATCH (r:Researcher {id: 'bob'}), (t:Topic {id: 't3'}) "
            "CREATE (r)-[:WORKS_ON {score: 1.0}]->(t)",
        ],
        [
            "ann -> t1: 1.25 summed score, WORKS_ON score 2.0",
            "bob -> t3: 0.0 summed score, WORKS_ON score 1.0",
        ],
    )


async def test_a_load_recounts_each_researcher_once_and_migrate_finishes_a_stopped_one(
    empty: Database,
) -> None:
    await Loader(empty, batch_size=2).load(Records(GRAPH))  # ann's works span two batches
    assert await works_on(empty) == BEFORE
    stale, _, _ = await empty.driver.execute_query("MATCH (r:WorksOnStale) RETURN count(r) AS n")
    assert stale[0]["n"] == 0
    # a load that stopped after its batches, before its end: marked researchers, stale counts
    await empty.driver.execute_query(
        "MATCH (ann:Researcher {id: 'ann'})-[k:WORKS_ON]->(:Topic {id: 't1'}) "
        "SET ann:WorksOnStale, k.score = 9.0"
    )
    assert (await differences(empty, WORKS_ON)).count == 1
    await migrate(empty)
    assert await works_on(empty) == BEFORE
    assert (await differences(empty, WORKS_ON)).count == 0
