"""The benchmark's questions: the floor's Cypher and bzpeer's GraphQL give the same answers."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

import bench.question
from bench.contenders import Floor
from bench.neighbourhood import NEIGHBOURHOOD, peer_slice
from bench.question import Data, Question, walk_to
from bench.questions import QUESTIONS
from bzpeer_graphql.db.database import Database
from tests.helpers import data

pytestmark = pytest.mark.usefixtures("seeded")

ASKED = {
    "researchers": ["gongfan-fang", "xinchao-wang", "mingli-song"],
    "papers": ["arxiv-2207.13309", "arxiv-1912.11006"],
    "page1": ["0"],
    "page500": ["7"],  # the seed has 17 papers
}


async def bzpeer_variables(
    client: httpx.AsyncClient, question: Question, node_id: str
) -> dict[str, Any]:
    """The variables bzpeer is asked with; for a deep page, the cursor it handed out."""
    if question.seek is None:
        return question.params(node_id)

    async def fetch(wanted: dict[str, Any]) -> Data:
        return await data(client, question.bzpeer, wanted)

    return question.params(node_id, await walk_to(int(node_id), fetch, question.seek.bzpeer))


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
async def test_floor_and_bzpeer_agree(
    question: Question,
    client: httpx.AsyncClient,
    seeded: Database,
    monkeypatch: pytest.MonkeyPatch,
) -> None:
    monkeypatch.setattr(bench.question, "WALK_PAGE", 3)  # walks to offset 7 in three pages
    floor = Floor(seeded.driver, seeded.database)
    for node_id in ASKED[question.pool]:
        expected, _ = await floor.ask(question, node_id)
        variables = await bzpeer_variables(client, question, node_id)
        assert question.from_bzpeer(await data(client, question.bzpeer, variables)) == expected
        assert expected, node_id


async def test_pages_are_newest_first_and_continue_after_the_cursor(seeded: Database) -> None:
    floor = Floor(seeded.driver, seeded.database)
    page1 = next(q for q in QUESTIONS if q.name == "page1")
    deep = next(q for q in QUESTIONS if q.name == "page500")
    first, _ = await floor.ask(page1, "0")
    after7, _ = await floor.ask(deep, "7")
    assert len(first) == 17
    assert first[:3] == ["arxiv-2301.07014", "arxiv-2303.17580", "arxiv-2210.16774"]
    assert after7 == first[7:]


@pytest.mark.parametrize(
    ("limit", "max_nodes", "around_the_profile"),
    [(25, 500, 58), (3, 5, 5), (10, 15, 15), (25, 30, 30)],
)
async def test_floor_and_bzpeer_cut_slices_alike(
    limit: int, max_nodes: int, around_the_profile: int, client: httpx.AsyncClient, seeded: Database
) -> None:
    floor = Floor(seeded.driver, seeded.database)
    for node_id in ASKED["researchers"]:
        variables = {"id": node_id, "limit": limit, "maxNodes": max_nodes}
        row = await floor._row(NEIGHBOURHOOD, variables)
        bzpeer = await data(client, NEIGHBOURHOOD.bzpeer, variables)
        assert NEIGHBOURHOOD.from_bzpeer(bzpeer) == NEIGHBOURHOOD.from_floor(row), node_id
        if node_id == "gongfan-fang":
            assert len(row["nodes"]) == around_the_profile


async def test_the_floor_slice_keeps_the_first_nodes_reached(seeded: Database) -> None:
    floor = Floor(seeded.driver, seeded.database)
    row = await floor._row(NEIGHBOURHOOD, {"id": "gongfan-fang", "limit": 3, "maxNodes": 5})
    assert [(n["id"], n["depth"]) for n in row["nodes"]] == [
        ("gongfan-fang", 0),
        ("xinchao-wang", 1),
        ("jie-song", 1),
        ("mingli-song", 1),
        # reached second, but a topic of the center's works: one hop away (then chengchao-shen,
        # beyond the five)
        ("knowledge-distillation", 1),
    ]


def drawn(typename: str, node_id: str, *below: Data) -> Data:
    node: Data = {"__typename": typename, "id": node_id}
    if below:
        node["neighbours"] = list(below)
    return node


def test_the_peer_tree_is_cut_as_bzpeer_cuts_a_slice(monkeypatch: pytest.MonkeyPatch) -> None:
    monkeypatch.setattr("bench.neighbourhood.MAX_NODES", 6)
    tree = {
        "researchers": [
            {
                "id": "r1",
                "neighbours": [
                    drawn("Researcher", "r2", drawn("Researcher", "r1"), drawn("Paper", "p1")),
                    drawn("Paper", "p1", drawn("Researcher", "r2"), drawn("Topic", "t1")),
                    drawn("Paper", "p1", drawn("Topic", "t9")),  # listed twice, kept once
                    drawn(
                        "Institution", "i1", drawn("Researcher", "r3"), drawn("Researcher", "r4")
                    ),
                ],
            }
        ]
    }
    assert peer_slice(tree) == {
        ("RESEARCHER", "r1"): 0,
        ("RESEARCHER", "r2"): 1,
        ("PAPER", "p1"): 1,
        ("INSTITUTION", "i1"): 1,
        ("TOPIC", "t1"): 2,
        ("RESEARCHER", "r3"): 2,  # the sixth node: r4 is cut
    }


async def test_the_floor_sees_the_seed_profile(seeded: Database) -> None:
    floor = Floor(seeded.driver, seeded.database)
    answer, trips = await floor.ask(QUESTIONS[0], "gongfan-fang")
    assert trips == 1
    assert answer["trust"] == 19
    assert answer["counts"] == [5, 0, 4, 4]
    assert answer["close"] == [
        ["xinchao-wang", 5],
        ["jie-song", 4],
        ["mingli-song", 4],
        ["haofei-zhang", 2],
    ]
