"""Stored duplicate candidate pairs stay exact through imports, merges, splits and undo."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bzpeer_graphql.db import duplicate_pairs
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.duplicate_pairs import rescore_stale
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.identity.likeness import SCORING_VERSION
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, data, wipe

SEED = "gongfan-fang"
ONE = """query($id: ID!) { researcher(id: $id) {
  duplicateCandidates(minScore: 0) { candidate { id } score evidence { reason count weight } }
} }"""
MERGE = """mutation($into: ID!, $from: ID!) { mergeResearchers(into: $into, from: $from) {
  changed } }"""
SPLIT = """mutation($id: ID!, $works: [ID!]!) { splitResearcher(id: $id, works: $works) {
  other { id } } }"""
UNDO = "mutation($id: ID!) { undoMerge(id: $id) { researcher { id } } }"
SAME, INITIALS, ORDER = ("SAME_NAME", 1, 0.3), ("NAME_INITIALS", 1, 0.3), ("NAME_ORDER", 1, 0.3)
PAIRS = """MATCH (a:Researcher)-[d:DUPLICATE_CANDIDATE]->(b:Researcher)
RETURN a.id AS a, b.id AS b, d.score AS score, d.reasons AS reasons, d.counts AS counts,
       d.weights AS weights ORDER BY a, b"""


@pytest.fixture(autouse=True)
async def fresh(db: Database) -> Database:
    """The seed, two records named like the seed researcher and one namesake of another."""
    await wipe(db)
    await load_seed(db)
    records: list[Record] = [
        Researcher(id="g-fang", name="G. Fang"),
        Researcher(id="fang-gongfan", name="Fang Gongfan"),
        Researcher(id="guo-fang", name="Guo Fang"),
        Paper(id="d1", title="D1", year=2023, authors=["jie-song", "g-fang"]),
        Paper(id="d2", title="D2", year=2024, authors=["g-fang", "xinchao-wang"]),
        Paper(id="d3", title="D3", year=2021, authors=["fang-gongfan", "xinchao-wang"]),
        Paper(id="d5", title="D5", year=2022, authors=["guo-fang", "jie-song"]),
    ]
    await Loader(db).load(Records(records))
    return db


async def stored(db: Database) -> list[dict[str, Any]]:
    rows, _, _ = await db.driver.execute_query(PAIRS)
    return [dict(row) for row in rows]


async def assert_exact(db: Database) -> None:
    """Nothing waits to be rescored, and the stored pairs are those scored from scratch."""
    rows, _, _ = await db.driver.execute_query("MATCH (r:DuplicatesStale) RETURN count(r) AS n")
    assert rows[0]["n"] == 0
    kept = await stored(db)
    await db.driver.execute_query("MATCH (r:Researcher) SET r:DuplicatesStale")
    await rescore_stale(db)
    assert await stored(db) == kept


async def candidates(client: httpx.AsyncClient, id: str) -> list[tuple[str, float, list[Any]]]:
    found = (await data(client, ONE, {"id": id}))["researcher"]["duplicateCandidates"]
    return [
        (
            f["candidate"]["id"],
            f["score"],
            [(e["reason"], e["count"], e["weight"]) for e in f["evidence"]],
        )
        for f in found
    ]


async def test_pairs_follow_an_import_a_merge_a_split_and_an_undo(
    client: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    curator = mint(settings, "cu-1", "cu-1", roles=("curator",))
    assert await candidates(client, SEED) == [
        ("fang-gongfan", 0.65, [ORDER, ("SHARED_COAUTHORS", 1, 0.2), ("SHARED_NETWORK", 16, 0.15)]),
        ("g-fang", 0.65, [INITIALS, ("SHARED_COAUTHORS", 2, 0.2), ("SHARED_NETWORK", 17, 0.15)]),
    ]
    await assert_exact(db)
    # an import: g-fang writes with Mingli Song, a third coauthor of the seed researcher
    extra = Paper(id="d6", title="D6", year=2024, authors=["g-fang", "mingli-song"])
    await Loader(db).load(Records([extra]))
    assert (await candidates(client, SEED))[1] == (
        "g-fang",
        0.65,
        [INITIALS, ("SHARED_COAUTHORS", 3, 0.2), ("SHARED_NETWORK", 18, 0.15)],
    )
    await assert_exact(db)
    # a merge: g-fang's pairs go with it
    await data(client, MERGE, {"into": SEED, "from": "g-fang"}, token=curator)
    assert [c[:2] for c in await candidates(client, SEED)] == [("fang-gongfan", 0.65)]
    await assert_exact(db)
    # a split: the record made of d1 (with Jie Song) reaches 13 of the 16 coauthors through Jie
    # Song's coauthors: all of the seed researcher's but PromptDFD's three
    split = await data(client, SPLIT, {"id": SEED, "works": ["d1"]}, token=curator)
    other = split["splitResearcher"]["other"]["id"]
    assert await candidates(client, SEED) == [
        ("fang-gongfan", 0.65, [ORDER, ("SHARED_COAUTHORS", 1, 0.2), ("SHARED_NETWORK", 16, 0.15)]),
        (other, 0.6219, [SAME, ("SHARED_COAUTHORS", 1, 0.2), ("SHARED_NETWORK", 13, 0.1219)]),
    ]
    assert [c[:2] for c in await candidates(client, other)] == [
        (SEED, 0.6219),
        ("fang-gongfan", 0.45),
    ]
    await assert_exact(db)
    # an undo: g-fang comes back with the works still with the survivor (d2, d6), and its pairs
    await data(client, UNDO, {"id": "g-fang"}, token=curator)
    assert [c[:2] for c in await candidates(client, SEED)] == [
        ("fang-gongfan", 0.65),
        ("g-fang", 0.65),
        (other, 0.6219),
    ]
    assert (await candidates(client, "g-fang"))[0][2] == [
        INITIALS,
        ("SHARED_COAUTHORS", 2, 0.2),
        ("SHARED_NETWORK", 17, 0.15),
    ]
    await assert_exact(db)


async def test_migrate_rescores_pairs_scored_by_other_rules(db: Database) -> None:
    kept = await stored(db)
    await db.driver.execute_query("MATCH ()-[d:DUPLICATE_CANDIDATE]->() DELETE d")
    await db.driver.execute_query(
        "MATCH (r:Researcher {id: $id}) SET r.duplicatesScored = 1", {"id": "g-fang"}
    )
    await migrate(db)
    assert [(p["a"], p["b"]) for p in await stored(db)] == [
        ("fang-gongfan", "g-fang"),
        ("g-fang", SEED),
        ("g-fang", "guo-fang"),
    ]
    rows, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher) RETURN collect(DISTINCT r.duplicatesScored) AS versions"
    )
    assert rows[0]["versions"] == [SCORING_VERSION]
    assert [(p["a"], p["b"], p["score"]) for p in kept] == [
        ("fang-gongfan", "g-fang", 0.55),
        ("fang-gongfan", SEED, 0.65),
        ("g-fang", SEED, 0.65),
        ("g-fang", "guo-fang", 0.65),
    ]


async def test_a_crowded_name_pairs_records_only_through_a_coauthor(
    db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """Six records hold one name (a crowd of six, over the limit of four): only the two sharing a
    coauthor are paired; a name two records hold is."""
    monkeypatch.setattr(duplicate_pairs, "CROWD", 4)
    records: list[Record] = [
        *(Researcher(id=f"crowd-{i}", name="Lin Crowd") for i in range(1, 7)),
        Researcher(id="crowd-x", name="Crowd Lin"),  # the name in the other order
        Researcher(id="helper", name="Kai Helper"),
        Researcher(id="small-1", name="Ada Small"),
        Researcher(id="small-2", name="Ada Small"),
        Paper(id="c1", title="C1", year=2020, authors=["crowd-1", "helper"]),
        Paper(id="c2", title="C2", year=2021, authors=["crowd-2", "helper"]),
        Paper(id="c3", title="C3", year=2022, authors=["crowd-3", "small-1"]),
        Paper(id="c4", title="C4", year=2023, authors=["crowd-4", "small-2"]),
        Paper(id="c5", title="C5", year=2024, authors=["crowd-x", "small-1"]),  # as crowd-3
    ]
    await Loader(db).load(Records(records))
    pairs = [(p["a"], p["b"]) for p in await stored(db) if p["a"][:5] in ("crowd", "small")]
    assert pairs == [("crowd-1", "crowd-2"), ("crowd-3", "crowd-x"), ("small-1", "small-2")]
    await assert_exact(db)
    # a limit of eight: the six (each crowded by the six and by crowd-x's two keys) are all
    # compared; crowd-x, whose keys 13 records hold, only with crowd-3, with whom it shares a
    # coauthor, from either side
    monkeypatch.setattr(duplicate_pairs, "CROWD", 8)
    await db.driver.execute_query("MATCH (r:Researcher) SET r:DuplicatesStale")
    await rescore_stale(db)
    pairs = [(p["a"], p["b"]) for p in await stored(db) if p["a"][:5] == "crowd"]
    assert len(pairs) == 16
    assert [pair for pair in pairs if "crowd-x" in pair] == [("crowd-3", "crowd-x")]
    await assert_exact(db)
    # a limit of 13: crowd-x too, with each of the six
    monkeypatch.setattr(duplicate_pairs, "CROWD", 13)
    await db.driver.execute_query("MATCH (r:Researcher) SET r:DuplicatesStale")
    await rescore_stale(db)
    pairs = [(p["a"], p["b"]) for p in await stored(db) if "crowd-x" in (p["a"], p["b"])]
    assert len(pairs) == 6


async def test_a_long_family_name_one_edit_away_is_paired_through_near_keys(db: Database) -> None:
    """'Hasselbring' and 'Haselbrink' share no name key: their head keys bring them together;
    'Hansen' and 'Hanson' are too short to be compared one edit apart."""
    records: list[Record] = [
        Researcher(id="wh-1", name="Wilhelm Hasselbring"),
        Researcher(id="wh-2", name="Wilhelm Haselbrink"),
        Researcher(id="jh-1", name="Jan Hansen"),
        Researcher(id="jh-2", name="Jan Hanson"),
        Paper(id="h1", title="H1", year=2020, authors=["wh-1", "xinchao-wang"]),
        Paper(id="h2", title="H2", year=2021, authors=["wh-2", "xinchao-wang"]),
        Paper(id="h3", title="H3", year=2020, authors=["jh-1", "jie-song"]),
        Paper(id="h4", title="H4", year=2021, authors=["jh-2", "jie-song"]),
    ]
    await Loader(db).load(Records(records))
    rows, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher) WHERE r.id IN ['wh-1', 'wh-2'] "
        "RETURN r.nameKey AS key, r.nameKeyHead AS head ORDER BY r.id"
    )
    assert [r.data() for r in rows] == [
        {"key": "haselbring w", "head": "<has10 w"},
        {"key": "haselbrink w", "head": "<has10 w"},
    ]
    pairs = [p for p in await stored(db) if p["a"] in ("wh-1", "jh-1")]
    assert [(p["a"], p["b"], p["reasons"][:2]) for p in pairs] == [
        ("wh-1", "wh-2", ["NAME_SPELLING", "SHARED_COAUTHORS"]),
    ]
    await assert_exact(db)
