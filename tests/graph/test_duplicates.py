"""Duplicate candidates: blocking keys, scores and reasons on the seed plus planted records."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.identity.names import name_key, name_key_swapped
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from tests.helpers import Records, data, wipe

SEED = "gongfan-fang"

ONE = """query($id: ID!, $min: Float! = 0.5) { researcher(id: $id) {
  duplicateCandidates(minScore: $min) { candidate { id } score evidence { reason count weight } }
} }"""
ROOT = """query($min: Float!, $after: String) {
  duplicateCandidates(first: 2, minScore: $min, after: $after) {
  totalCount pageInfo { hasNextPage endCursor }
  edges { node { researcher { id } candidate { id } score } } } }"""


@pytest.fixture(scope="module", autouse=True)
async def graph(db: Database) -> Database:
    """The seed plus four records named like the seed researcher and one that is not."""
    await wipe(db)
    await load_seed(db)
    records: list[Record] = [
        Researcher(id="g-fang", name="G. Fang"),
        Researcher(id="fang-gongfan", name="Fang Gongfan"),
        Researcher(id="gongfan-fang-1990", name="Gōngfàn Fáng"),
        Researcher(id="guo-fang", name="Guo Fang"),
        Paper(id="d1", title="D1", year=2023, authors=["jie-song", "g-fang"]),
        Paper(id="d2", title="D2", year=2024, authors=["g-fang", "xinchao-wang"]),
        Paper(id="d3", title="D3", year=2021, authors=["fang-gongfan", "xinchao-wang"]),
        Paper(id="d4", title="D4", year=1990, authors=["gongfan-fang-1990"]),
        Paper(id="d5", title="D5", year=2022, authors=["guo-fang", "jie-song"]),
    ]
    await Loader(db).load(Records(records))
    return db


def test_blocking_keys_fold_accents_initials_and_order() -> None:
    assert {name_key(n) for n in ["Gongfan Fang", "G. Fang", "Gōngfàn Fáng", "Fang, Gongfan"]} == {
        "fang g"
    }
    assert name_key("Fang Gongfan") == "gongfan f" and name_key_swapped("Fang Gongfan") == "fang g"


def reasons(found: dict[str, Any]) -> list[tuple[str, int, float]]:
    return [(e["reason"], e["count"], e["weight"]) for e in found["evidence"]]


async def test_a_researchers_candidates_most_likely_first(client: httpx.AsyncClient) -> None:
    found = (await data(client, ONE, {"id": SEED, "min": 0}))["researcher"]["duplicateCandidates"]
    assert [(f["candidate"]["id"], f["score"]) for f in found] == [
        ("fang-gongfan", 0.65),
        ("g-fang", 0.65),
        ("gongfan-fang-1990", 0.2),
    ]
    # xinchao-wang is on every seed paper: the 15 coauthors of the seed researcher are all in
    # the network of fang-gongfan, and fang-gongfan's one coauthor is the seed's: 16 of 16
    assert reasons(found[0]) == [
        ("NAME_ORDER", 1, 0.3),
        ("SHARED_COAUTHORS", 1, 0.2),
        ("SHARED_NETWORK", 16, 0.15),
    ]
    assert reasons(found[1]) == [
        ("NAME_INITIALS", 1, 0.3),
        ("SHARED_COAUTHORS", 2, 0.2),
        ("SHARED_NETWORK", 17, 0.15),
    ]
    assert reasons(found[2]) == [("SAME_NAME", 1, 0.3), ("YEARS_APART", 1, -0.1)]
    default = (await data(client, ONE, {"id": SEED}))["researcher"]["duplicateCandidates"]
    assert [f["candidate"]["id"] for f in default] == ["fang-gongfan", "g-fang"]


async def test_root_candidates_page_by_score(client: httpx.AsyncClient) -> None:
    first = (await data(client, ROOT, {"min": 0.3}))["duplicateCandidates"]
    assert first["totalCount"] == 4
    assert [
        (e["node"]["researcher"]["id"], e["node"]["candidate"]["id"], e["node"]["score"])
        for e in first["edges"]
    ] == [("fang-gongfan", "gongfan-fang", 0.65), ("g-fang", "gongfan-fang", 0.65)]
    after = {"min": 0.3, "after": first["pageInfo"]["endCursor"]}
    rest = (await data(client, ROOT, after))["duplicateCandidates"]
    assert [
        (e["node"]["researcher"]["id"], e["node"]["candidate"]["id"], e["node"]["score"])
        for e in rest["edges"]
        # 'Fang Gongfan' and 'G. Fang': an initial of a name written family name first (0.2)
    ] == [("g-fang", "guo-fang", 0.65), ("fang-gongfan", "g-fang", 0.55)]
    assert rest["pageInfo"]["hasNextPage"] is False


async def test_migration_fills_keys_of_older_graphs(db: Database) -> None:
    await db.driver.execute_query("MATCH (r:Researcher) REMOVE r.nameKey, r.nameKeyAlt")
    await migrate(db)
    rows, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher {id: $id}) RETURN r.nameKey AS key", {"id": "fang-gongfan"}
    )
    assert rows[0]["key"] == "gongfan f"
