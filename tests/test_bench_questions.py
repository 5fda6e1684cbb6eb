"""The benchmark's questions: the floor's Cypher and bzpeer's GraphQL give the same answers."""

from __future__ import annotations

import httpx
import pytest

from bench.contenders import Floor
from bench.questions import QUESTIONS, Question
from bzpeer_graphql.db.database import Database

pytestmark = pytest.mark.usefixtures("seeded")

ASKED = {
    "researchers": ["gongfan-fang", "xinchao-wang", "mingli-song"],
    "papers": ["arxiv-2207.13309", "arxiv-1912.11006"],
}


@pytest.mark.parametrize("question", QUESTIONS, ids=lambda q: q.name)
async def test_floor_and_bzpeer_agree(
    question: Question, client: httpx.AsyncClient, seeded: Database
) -> None:
    floor = Floor(seeded.driver, seeded.database)
    for node_id in ASKED[question.pool]:
        expected, _ = await floor.ask(question, node_id)
        response = await client.post(
            "/graphql", json={"query": question.bzpeer, "variables": question.params(node_id)}
        )
        body = response.json()
        assert "errors" not in body, body
        assert question.from_bzpeer(body["data"]) == expected, node_id


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
