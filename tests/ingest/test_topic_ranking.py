"""Topics with more papers or researchers than a slice can show keep their best neighbours ranked
(cypher/ingest/rank_topics): a neighbourhood step reads the ranking instead of every link and
answers exactly as reading every link does, after loads, reloads, folds, identity merges, splits
and migrate. Every write to a topic's links drops its ranking; what ends the write ranks it again.
"""

from __future__ import annotations

import re
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.db.shared_papers import RANKED, rank_topics
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, PaperTopic, Record, Researcher, Topic
from bzpeer_graphql.loaders.explore import SLICE_BOUNDS
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, check_cli, data, wipe
from tests.ingest.test_related import Redirected

HUB, SIDE = "hub", "side"
KINDS = ["RESEARCHER", "PAPER", "TOPIC", "INSTITUTION"]
#: the limits a step is asked for: the smallest, the default, inside the tie at the 101st
#: weight, the largest a slice takes, and one beyond (which reads every link)
LIMITS = [1, 25, 95, 100, 101]


def hub_score(i: int) -> float:
    """Paper i's ABOUT score for the hub: 90 distinct, then 30 tied at 0.3 (ranks 91-120: the
    101st weight is inside the tie, so the ranking keeps all 30), then 80 lower ones."""
    if i < 90:
        return round(0.99 - i * 0.005, 3)
    if i < 120:
        return 0.3
    return round(0.2 - (i - 120) * 0.002, 3)


def author(i: int) -> str:
    """Paper i's author: r000-r049 write p000-p049 and p150-p199, r050-r089 p050-p089, and
    r090-r119 p090-p119 (tied) and p120-p149, so that every researcher's summed score differs:
    r000-r100 are the 101 best (r120-r149 write nothing)."""
    return f"r{i if i < 120 else i - 30 if i < 150 else i - 150:03d}"


def hub_paper(i: int, score: float | None = None, authors: list[str] | None = None) -> Paper:
    """200 papers about the hub (and p0-p9 about the side topic too), titled in the reverse
    order of their ids, so that a tie broken by title is not broken by id."""
    topics = [PaperTopic(HUB, hub_score(i) if score is None else score)]
    if i < 10:
        topics.append(PaperTopic(SIDE, 0.5))
    return Paper(
        id=f"p{i:03d}",
        title=f"Work {999 - i}",
        authors=[author(i)] if authors is None else authors,
        topics=topics,
    )


GRAPH: list[Record] = [
    Topic(id=HUB, name="Hub"),
    Topic(id=SIDE, name="Side"),
    *[Researcher(id=f"r{i:03d}", name=f"Person {i % 7}") for i in range(150)],
    *[hub_paper(i) for i in range(200)],
]


@pytest.fixture
async def ranked(db: Database) -> Database:
    await wipe(db)
    await Loader(db).load(Records(GRAPH))
    return db


async def ranking(db: Database, topic: str = HUB) -> tuple[list[str] | None, list[str] | None]:
    records, _, _ = await db.driver.execute_query(
        "MATCH (t:Topic {id: $id}) RETURN t.bestPapers AS papers, t.bestResearchers AS people",
        {"id": topic},
    )
    return records[0]["papers"], records[0]["people"]


async def best_by_weight(db: Database, pattern: str) -> list[str]:
    """The rule worked out here, not by the statement: the ids of the hub's links (`pattern`
    binds x to the neighbour, w to the weight) weighing at least the RANKED-th heaviest."""
    records, _, _ = await db.driver.execute_query(
        f"MATCH {pattern} RETURN x.id AS id, w AS weight", {"id": HUB}
    )
    weights = sorted((r["weight"] for r in records), reverse=True)
    cut = weights[RANKED - 1] if len(weights) >= RANKED else min(weights)
    return sorted({r["id"] for r in records if r["weight"] >= cut})


async def expected(db: Database) -> tuple[list[str], list[str]]:
    papers = await best_by_weight(
        db, "(x:Paper)-[a:ABOUT]->(:Topic {id: $id}) WITH x, a.score AS w"
    )
    people = await best_by_weight(
        db, "(x:Researcher)-[k:WORKS_ON]->(:Topic {id: $id}) WITH x, k.score AS w"
    )
    return papers, people


async def steps(db: Database) -> list[dict[str, Any]]:
    """The hub's and the side topic's steps at every limit, for every kind, each alone."""
    keys = [
        {"id": topic, "kind": "TOPIC", "kinds": kinds, "limit": limit}
        for topic in (HUB, SIDE)
        for limit in LIMITS
        for kinds in (KINDS, ["PAPER"], ["RESEARCHER"], ["TOPIC"])
    ]
    rows = await db.read("explore/neighbourhood_step", {"keys": keys})
    return sorted(rows, key=lambda row: repr(row["key"]))


async def assert_answers_as_unranked(db: Database) -> None:
    """The steps with the rankings, and with every link read (the rankings removed), agree;
    then the rankings are built again and agree with the rule."""
    with_ranking = await steps(db)
    await db.driver.execute_query("MATCH (t:Topic) REMOVE t.bestPapers, t.bestResearchers")
    assert await steps(db) == with_ranking
    assert await rank_topics(db) == 1
    assert await ranking(db) == await expected(db)
    assert await steps(db) == with_ranking


async def plant_a_wrong_ranking(db: Database) -> None:
    """A ranking no write made: only a write that drops it lets the writer's end rank again."""
    await db.driver.execute_query(
        "MATCH (t:Topic {id: $id}) SET t.bestPapers = ['p199'], t.bestResearchers = ['r149']",
        {"id": HUB},
    )


#: a relationship pattern binding a variable to ABOUT or WORKS_ON (alone or among other types)
_BOUND = re.compile(r"\[(\w+):([\w|]*\b(?:ABOUT|WORKS_ON)\b[\w|]*)")
#: a clause that makes such a relationship
_MADE = re.compile(r"\b(?:CREATE|MERGE)\b[^\n]*-\[\w*:(?:ABOUT|WORKS_ON)\b")


def writes_topic_links(text: str) -> bool:
    """Whether a statement makes, deletes or rescores an ABOUT or WORKS_ON relationship."""
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    if _MADE.search(code):
        return True
    for name, _ in _BOUND.findall(code):
        if re.search(rf"\b(?:DELETE\s+{name}\b|SET\s+{name}\.)", code):
            return True
    return False


def test_every_statement_that_writes_a_topic_link_drops_the_ranking() -> None:
    """A writer added later must drop what it may make wrong (fragments/unrank)."""
    writers = [
        name
        for folder in ("ingest", "mutations", "admin", "bulk", "duplicates")
        for name in cypher.names(folder)
        if writes_topic_links(cypher._read(name))
    ]
    assert writers == [
        "ingest/fold_papers",
        "ingest/fold_topics",
        "ingest/papers",
        "ingest/works_on",
        "mutations/merge_researchers",
        "admin/works_on_missing",
    ]
    assert [name for name in writers if "{{ unrank(" not in cypher._read(name)] == []
    # and the one that deletes researchers with their WORKS_ON
    assert "{{ unrank(" in cypher._read("ingest/drop_orphans")


def test_a_ranking_holds_one_more_than_a_slice_shows() -> None:
    assert SLICE_BOUNDS["limitPerNode"] + 1 == RANKED
    step = cypher.load("explore/neighbourhood_step")
    assert step.count(f"f.limit < {RANKED}") == 2 and step.count(f"f.limit >= {RANKED}") == 2


async def test_a_load_ranks_topics_with_many_links(ranked: Database) -> None:
    papers, people = await ranking(ranked)
    # the 90 distinct heaviest and the 30 tied at the 101st weight, not the 80 lighter ones
    assert papers == [f"p{i:03d}" for i in range(120)]
    # no ties among the researchers: the 101 best exactly
    assert people == [f"r{i:03d}" for i in range(101)]
    assert (papers, people) == await expected(ranked)
    assert await ranking(ranked, SIDE) == (None, None)  # 10 papers: read whole
    await assert_answers_as_unranked(ranked)


async def test_the_tie_at_the_cut_is_broken_by_title(ranked: Database) -> None:
    [row] = await ranked.read(
        "explore/neighbourhood_step",
        {"keys": [{"id": HUB, "kind": "TOPIC", "kinds": ["PAPER"], "limit": 95}]},
    )
    tied = [n["id"] for n in row["neighbours"] if n["weight"] == 0.3]
    assert tied == ["p119", "p118", "p117", "p116", "p115"]
    assert row["more"] is True


async def test_a_reload_drops_the_ranking_and_the_load_ranks_again(ranked: Database) -> None:
    await plant_a_wrong_ranking(ranked)
    # a work without authors: its ABOUT moves, no WORKS_ON does
    await Loader(ranked).load(Records([hub_paper(400, 0.999, authors=[])]))
    papers, people = await ranking(ranked)
    assert papers is not None and "p400" in papers and "p199" not in papers
    assert (papers, people) == await expected(ranked)
    await plant_a_wrong_ranking(ranked)
    # p150 (was 0.14) rises to the top; p000 (0.99) falls out; r010 writes p199 with r149
    reloaded = [hub_paper(150, 0.995), hub_paper(0, 0.01), hub_paper(199, authors=["r010"])]
    await Loader(ranked).load(Records(reloaded))
    papers, _ = await ranking(ranked)
    assert papers is not None and "p150" in papers and "p000" not in papers
    assert await ranking(ranked) == await expected(ranked)
    await assert_answers_as_unranked(ranked)


async def test_folds_drop_the_ranking(ranked: Database) -> None:
    await plant_a_wrong_ranking(ranked)
    # p002 (0.98) folds into a new id, made from it
    await Loader(ranked).load(Redirected({"paper": {"p002": "p300"}}))
    papers, _ = await ranking(ranked)
    assert papers is not None and "p300" in papers and "p002" not in papers
    await assert_answers_as_unranked(ranked)
    await plant_a_wrong_ranking(ranked)
    await Loader(ranked).load(Redirected({"topic": {SIDE: HUB}}))
    assert await ranking(ranked) == await expected(ranked)
    await assert_answers_as_unranked(ranked)


async def test_an_identity_merge_of_the_importer_drops_the_ranking(ranked: Database) -> None:
    await plant_a_wrong_ranking(ranked)
    # r149 (p149 alone, 0.142) absorbs r000 (p000 and p150): r000's WORKS_ON goes
    await Loader(ranked).load(Redirected({"researcher": {"r000": "r149"}}))
    _, people = await ranking(ranked)
    assert people is not None and "r149" in people and "r000" not in people
    await assert_answers_as_unranked(ranked)


MERGE = """mutation($into: ID!, $from: ID!) { mergeResearchers(into: $into, from: $from) {
  changed } }"""
SPLIT = """mutation($id: ID!, $works: [ID!]!) { splitResearcher(id: $id, works: $works) {
  other { id } } }"""


async def test_merges_and_splits_rank_again(
    client: httpx.AsyncClient, settings: Settings, ranked: Database
) -> None:
    curator = mint(settings, "cu-1", "cu-1", roles=("curator",))
    await plant_a_wrong_ranking(ranked)
    merged = await data(client, MERGE, {"into": "r149", "from": "r001"}, token=curator)
    assert merged["mergeResearchers"] == {"changed": True}
    _, people = await ranking(ranked)
    assert people is not None and "r149" in people and "r001" not in people
    await assert_answers_as_unranked(ranked)
    await plant_a_wrong_ranking(ranked)
    await data(client, SPLIT, {"id": "r149", "works": ["p001"]}, token=curator)
    assert "r149" not in ((await ranking(ranked))[1] or [])
    await assert_answers_as_unranked(ranked)


async def test_migrate_ranks_a_graph_without_rankings(ranked: Database) -> None:
    before = await ranking(ranked)
    await ranked.driver.execute_query("MATCH (t:Topic) REMOVE t.bestPapers, t.bestResearchers")
    await migrate(ranked)
    assert await ranking(ranked) == before
    assert await rank_topics(ranked) == 0  # nothing left to rank


async def test_check_rankings_lists_a_ranking_that_disagrees_with_the_links(
    ranked: Database, settings: Settings
) -> None:
    clean = check_cli(settings, "rankings")
    assert (clean.returncode, clean.stdout) == (
        0,
        "rankings: every topic's ranking agrees with its links\n",
    )
    await plant_a_wrong_ranking(ranked)
    planted = check_cli(settings, "rankings")
    assert planted.returncode == 1
    papers = ", ".join(f"p{i:03d}" for i in range(120))
    people = ", ".join(f"r{i:03d}" for i in range(101))
    assert planted.stdout.splitlines() == [
        f"hub papers: lacks {papers}; holds p199 it should not",
        f"hub researchers: lacks {people}; holds r149 it should not",
    ]
    assert "rankings: 1 topic(s) differ from their links" in planted.stderr
