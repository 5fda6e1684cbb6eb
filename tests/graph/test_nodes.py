"""`nodes(ids:)`: many nodes of any kind by id, in the order asked, in one round trip."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import gql

pytestmark = pytest.mark.usefixtures("seeded")

QUERY = """query($ids: [ID!]!) { nodes(ids: $ids) { __typename id
  ... on Researcher { name } ... on Paper { title } ... on Topic { name } } }"""


async def test_nodes_come_in_the_order_asked_with_null_for_an_unknown_id(
    client: httpx.AsyncClient,
) -> None:
    ids = ["arxiv-2007.05441", "gongfan-fang", "nobody", "knowledge-distillation", "gongfan-fang"]
    body = await gql(client, QUERY, {"ids": ids}, debug=True)
    assert "errors" not in body
    assert body["data"]["nodes"] == [
        {
            "__typename": "Paper",
            "id": "arxiv-2007.05441",
            "title": "Impression Space from Deep Template Network",
        },
        {"__typename": "Researcher", "id": "gongfan-fang", "name": "Gongfan Fang"},
        None,
        {"__typename": "Topic", "id": "knowledge-distillation", "name": "Knowledge Distillation"},
        {"__typename": "Researcher", "id": "gongfan-fang", "name": "Gongfan Fang"},
    ]
    assert body["extensions"]["cypher"]["queries"] == 1


async def test_five_hundred_ids_are_one_round_trip_and_more_are_refused(
    client: httpx.AsyncClient,
) -> None:
    ids = [f"id-{n}" for n in range(499)] + ["gongfan-fang"]
    body = await gql(
        client, "query($ids: [ID!]!) { nodes(ids: $ids) { id } }", {"ids": ids}, debug=True
    )
    assert body["data"]["nodes"] == [None] * 499 + [{"id": "gongfan-fang"}]
    assert body["extensions"]["cypher"]["queries"] == 1
    body = await gql(
        client,
        'query($ids: [ID!]!) { nodes(ids: $ids) { id } researcher(id: "gongfan-fang") { name } }',
        {"ids": [*ids, "one-more"]},
    )
    assert body["data"] == {"nodes": None, "researcher": {"name": "Gongfan Fang"}}
    assert [(e["path"], e["extensions"]["code"]) for e in body["errors"]] == [
        (["nodes"], "BAD_USER_INPUT")
    ]


async def test_the_cost_of_nodes_counts_every_id(client: httpx.AsyncClient) -> None:
    ids = [f"id-{n}" for n in range(200)]
    body = await gql(
        client,
        """query($ids: [ID!]!) { nodes(ids: $ids) { ... on Researcher {
          works(first: 100) { edges { node { id } } } } } }""",
        {"ids": ids},
    )
    assert body["errors"][0]["extensions"]["code"] == "QUERY_TOO_COSTLY"
