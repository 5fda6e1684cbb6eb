"""`@defer` and `@stream` over HTTP: a client accepting `multipart/mixed` gets the first part at
once and the rest in later parts, each a JSON object of the incremental delivery format."""

from __future__ import annotations

import json
from typing import Any

import httpx

from bzpeer_graphql.db.database import Database

MULTIPART = "multipart/mixed;incrementalSpec=v0.2, application/json"
DEFERRED = """{ researcher(id: "gongfan-fang") { id name
  ... @defer(label: "more") { counts { works } } } }"""
STREAMED = """{ neighbourhood(id: "gongfan-fang", maxNodes: 4) {
  edges @stream(initialCount: 2) { source target kind weight } } }"""


def parts(response: httpx.Response) -> list[dict[str, Any]]:
    """The JSON parts of a multipart/mixed answer, in order."""
    content_type = response.headers["content-type"]
    assert content_type.startswith("multipart/mixed")
    boundary = content_type.split("boundary=")[1].strip('"')
    found = []
    for chunk in response.text.split(f"--{boundary}"):
        head, _, body = chunk.partition("\r\n\r\n")
        if "application/json" in head:
            found.append(json.loads(body))
    return found


async def test_a_deferred_fragment_comes_in_a_later_part(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    answer = await client.post("/graphql", json={"query": DEFERRED}, headers={"accept": MULTIPART})
    assert answer.status_code == 200
    assert parts(answer) == [
        {
            "data": {"researcher": {"id": "gongfan-fang", "name": "Gongfan Fang"}},
            "hasNext": True,
            "pending": [{"id": "0", "path": ["researcher"], "label": "more"}],
            "extensions": None,
        },
        {
            "hasNext": False,
            "extensions": None,
            "completed": [{"id": "0"}],
            "incremental": [
                {
                    "data": {"counts": {"works": 5}},
                    "id": "0",
                    "path": ["researcher"],
                    "label": "more",
                }
            ],
        },
    ]


async def test_a_streamed_list_of_slice_edges_sends_its_first_items_at_once(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    answer = await client.post("/graphql", json={"query": STREAMED}, headers={"accept": MULTIPART})
    first, rest = parts(answer)
    assert first["data"]["neighbourhood"]["edges"] == [
        {"source": "gongfan-fang", "target": "jie-song", "kind": "COAUTHOR", "weight": 4.0},
        {"source": "gongfan-fang", "target": "mingli-song", "kind": "COAUTHOR", "weight": 4.0},
    ]
    assert first["pending"] == [{"id": "0", "path": ["neighbourhood", "edges"]}]
    assert rest["incremental"] == [
        {
            "items": [
                {
                    "source": "gongfan-fang",
                    "target": "xinchao-wang",
                    "kind": "COAUTHOR",
                    "weight": 5.0,
                },
                {"source": "jie-song", "target": "mingli-song", "kind": "COAUTHOR", "weight": 8.0},
                {"source": "jie-song", "target": "xinchao-wang", "kind": "COAUTHOR", "weight": 8.0},
                {
                    "source": "mingli-song",
                    "target": "xinchao-wang",
                    "kind": "COAUTHOR",
                    "weight": 13.0,
                },
            ],
            "id": "0",
            "path": ["neighbourhood", "edges"],
            "label": None,
        }
    ]
    assert rest["hasNext"] is False


async def test_the_planner_answers_the_same_query_without_the_directives_whole(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    whole = STREAMED.replace(" @stream(initialCount: 2)", "")
    answer = await client.post("/graphql", json={"query": whole}, headers={"accept": MULTIPART})
    assert answer.headers["content-type"].startswith("application/json")
    assert len(answer.json()["data"]["neighbourhood"]["edges"]) == 6
