"""Batching is structural: round trips follow the depth of a query, never its width."""

from __future__ import annotations

from dataclasses import replace

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, app_client, gql

DEEP = """query($id: ID!) { researcher(id: $id) { name
  coauthors(first: 100) { edges { sharedWorks node { name
    coauthors(first: 100) { edges { node { name
      works(first: 10) { edges { node { title
        authors { name } } } } } } } } } } } }"""
#: DEEP could fetch about two million items in the worst case: far past the default cost limit
UNCAPPED = 10**8


def fan_out(prefix: str, width: int) -> list[Record]:
    """A center with `width` coauthors, each with `width` coauthors of their own."""
    center = f"{prefix}-c"
    records: list[Record] = [Researcher(center, f"{prefix} center")]
    for i in range(width):
        a = f"{prefix}-a{i}"
        records += [
            Researcher(a, f"{prefix} a{i}"),
            Paper(f"{prefix}-p{i}", f"{prefix} paper {i}", authors=[center, a]),
        ]
        for j in range(width):
            b = f"{prefix}-b{i}-{j}"
            records += [
                Researcher(b, f"{prefix} b{i}.{j}"),
                Paper(f"{prefix}-q{i}-{j}", f"{prefix} paper {i}.{j}", authors=[a, b]),
            ]
    return records


@pytest.fixture(scope="module")
async def wide(seeded: Database) -> Database:
    """The seed data plus two fan-out graphs, 5 and 50 wide."""
    await Loader(seeded, batch_size=5000).load(Records(fan_out("w5", 5) + fan_out("w50", 50)))
    return seeded


def shape(body: dict) -> tuple[int, int]:
    """(coauthors at level 1, works at level 3) of a DEEP answer."""
    level1 = body["data"]["researcher"]["coauthors"]["edges"]
    works = sum(
        len(c2["node"]["works"]["edges"])
        for c1 in level1
        for c2 in c1["node"]["coauthors"]["edges"]
    )
    return len(level1), works


async def test_round_trips_depend_on_depth_only(settings: Settings, wide: Database) -> None:
    async with app_client(replace(settings, max_cost=UNCAPPED)) as client:
        narrow = await gql(client, DEEP, {"id": "w5-c"}, debug=True)
        broad = await gql(client, DEEP, {"id": "w50-c"}, debug=True)
    # each coauthor's coauthors: the center (5 or 50 works, at most 10 shown) and its own
    # 5 or 50 coauthors with one work each
    assert shape(narrow) == (5, 5 * (5 + 5))
    assert shape(broad) == (50, 50 * (10 + 50))
    # researcher, coauthors, coauthors, works, authors: five levels, five batches, and one
    # round trip, since each level's keys are the ids of the nodes the level above found
    assert narrow["extensions"]["cypher"]["queries"] == 1
    assert broad["extensions"]["cypher"]["queries"] == 1
    assert broad["extensions"]["cypher"]["batches"] == [
        {"query": "researchers_by_id_or_merged", "keys": 1},
        {"query": "researcher_coauthors", "keys": 1},
        {"query": "researcher_coauthors", "keys": 50},
        {"query": "researcher_works", "keys": 50 * 50 + 1},  # the center's once
        {"query": "paper_authors", "keys": 10 + 50 * 50},  # the center shows 10 works
    ]


async def test_a_node_reached_twice_is_loaded_once(
    client: httpx.AsyncClient, wide: Database
) -> None:
    body = await gql(
        client,
        """{ a: researcher(id: "gongfan-fang") { name }
        b: researcher(id: "gongfan-fang") { name
          works { edges { node { authors { name counts { works } } } } } } }""",
        debug=True,
    )
    batches = body["extensions"]["cypher"]["batches"]
    # 31 authorships on his five works, but 16 distinct people: their stats load once each
    assert batches == [
        {"query": "researchers_by_id_or_merged", "keys": 1},
        {"query": "researcher_works", "keys": 1},
        {"query": "paper_authors", "keys": 5},
        {"query": "researcher_stats", "keys": 16},
    ]


async def test_without_batching_each_parent_pays_its_own_trip(
    settings: Settings, wide: Database
) -> None:
    async with app_client(replace(settings, batching=False, max_cost=UNCAPPED)) as naive:
        narrow = await gql(naive, DEEP, {"id": "w5-c"}, debug=True)
    # one query per distinct parent: 1 researcher, 1 + 5 coauthor lists, 25 + 1 work lists
    # (the center's is cached), 5 + 25 author lists
    assert narrow["extensions"]["cypher"]["queries"] == 1 + 6 + 26 + 30
