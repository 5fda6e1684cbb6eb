"""Limits checked before anything runs: depth, aliases, tokens, cost, introspection, batches
and body size, each refused with its own code."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.settings import Settings
from tests.helpers import app_client, gql

#: three levels of coauthors' works; each `first` multiplies the items below it
FAN = """query($n: Int) { researcher(id: "gongfan-fang") {
  coauthors(first: $n) { edges { node {
    coauthors(first: $n) { edges { node {
      works(first: 10) { edges { node { title } } }
    } } }
  } } }
} }"""

#: distinct coauthors of the seed researcher over his five works
SEED_COAUTHORS = 15


def error_of(body: dict[str, Any]) -> dict[str, Any]:
    """The only error of a refused operation (no data at all)."""
    assert body["data"] is None, body
    [error] = body["errors"]
    result: dict[str, Any] = error
    return result


async def test_cost_multiplies_first_down_the_tree(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    # 50 coauthors x (1 + 50 coauthors x (1 + 10 works)) = 27,550 items in the worst case
    body = await gql(client, FAN, {"n": 50}, debug=True)
    refused = error_of(body)
    assert refused["extensions"] == {"code": "QUERY_TOO_COSTLY", "cost": 27550, "maxCost": 20000}
    assert "could fetch 27550 objects" in refused["message"]
    assert body["extensions"]["cypher"]["queries"] == 0  # refused before any Cypher ran
    allowed = await gql(client, FAN, {"n": 40}, debug=True)  # 40 x (1 + 40 x 11) = 17,640
    assert "errors" not in allowed
    assert len(allowed["data"]["researcher"]["coauthors"]["edges"]) == SEED_COAUTHORS


async def test_cost_counts_last_as_first_and_a_backward_root_list_as_ranked(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    backward = FAN.replace("first: $n", "last: $n")
    # 50 x (1 + 50 x 11), as with `first`
    assert error_of(await gql(client, backward, {"n": 50}))["extensions"]["cost"] == 27550
    # the papers list paged backward ranks every paper: 1500 besides its 100 items
    lists = " ".join(f"p{i}: papers(last: 100) {{ totalCount }}" for i in range(13))
    refused = error_of(await gql(client, f"{{ {lists} }}"))
    assert refused["extensions"]["cost"] == 13 * (100 + 1500)
    # forward, in its index order, the same lists cost their items only: 1300
    assert "errors" not in await gql(client, f"{{ {lists.replace('last', 'first')} }}")


async def test_cost_counts_fragments_defaults_and_unsized_lists(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    # `works` without `first` counts the default page (20), and so do a paper's `authors` and
    # `topics` lists; a fragment counts where it is spread; `topic` is one object, counted 0:
    # 100 papers x (1 + 20 authors x (1 + 20 works x (1 + 20 topics)))
    query = """{ papers(first: 100) { edges { node { ...Authors } } } }
    fragment Authors on Paper { authors { works { edges { node {
      topics { topic { name } } } } } } }"""
    refused = error_of(await gql(client, query))
    assert refused["extensions"]["cost"] == 100 * (1 + 20 * (1 + 20 * (1 + 20)))


async def test_the_profile_page_and_a_large_slice_stay_under_the_default_cost(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    query = """{ researcher(id: "gongfan-fang") { name counts { works }
      closeCollaborators { researcher { name } } works(first: 20) { totalCount }
      graph(depth: 2, maxNodes: 5000) { nodes { id: entityId } edges { source } } } }"""
    body = await gql(client, query)
    assert "errors" not in body
    assert body["data"]["researcher"]["counts"] == {"works": 5}


async def test_depth_is_counted_through_fragments(settings: Settings, seeded: Database) -> None:
    async with app_client(replace(settings, max_depth=3)) as http:
        ok = await gql(http, '{ researcher(id: "gongfan-fang") { works { totalCount } } }')
        assert ok["data"] == {"researcher": {"works": {"totalCount": 5}}}
        deep = """{ researcher(id: "gongfan-fang") { ...W } }
        fragment W on Researcher { works { edges { node { title } } } }"""
        assert error_of(await gql(http, deep))["extensions"] == {
            "code": "QUERY_TOO_DEEP",
            "depth": 5,
            "maxDepth": 3,
        }


async def test_aliases_are_counted(settings: Settings, seeded: Database) -> None:
    async with app_client(replace(settings, max_aliases=2)) as http:
        two = '{ a: researcher(id: "gongfan-fang") { name } b: researcher(id: "x") { name } }'
        assert (await gql(http, two))["data"] == {"a": {"name": "Gongfan Fang"}, "b": None}
        three = "{ a: graphStats { papers } b: graphStats { papers } c: graphStats { papers } }"
        assert error_of(await gql(http, three))["extensions"] == {
            "code": "TOO_MANY_ALIASES",
            "aliases": 3,
            "maxAliases": 2,
        }


async def test_tokens_are_counted_while_parsing(settings: Settings) -> None:
    async with app_client(replace(settings, max_tokens=20)) as http:
        short = await gql(http, "{ graphStats { papers } }")
        assert "errors" not in short
        long = "{ " + " ".join(f"f{i}: graphStats {{ papers }}" for i in range(10)) + " }"
        refused = error_of(await gql(http, long))
        assert refused["extensions"] == {"code": "TOO_MANY_TOKENS"}
        assert "more than 20 tokens" in refused["message"]


async def test_introspection_can_be_turned_off(settings: Settings) -> None:
    schema_query = "{ __schema { queryType { name } } }"
    async with app_client(settings) as http:
        on = await gql(http, schema_query)
        assert on["data"] == {"__schema": {"queryType": {"name": "Query"}}}
    async with app_client(replace(settings, introspection=False)) as http:
        for query in (schema_query, '{ __type(name: "Researcher") { name } }'):
            assert error_of(await gql(http, query))["extensions"] == {
                "code": "INTROSPECTION_DISABLED"
            }
        # asking for the type name is not introspecting the schema
        assert (await gql(http, "{ __typename }"))["data"] == {"__typename": "Query"}


async def test_batches_are_capped(settings: Settings, seeded: Database) -> None:
    one = {"query": '{ researcher(id: "gongfan-fang") { name } }'}
    two = {"query": "{ graphStats { papers } }"}
    async with app_client(replace(settings, max_batch=2)) as http:
        answer = await http.post("/graphql", json=[one, two])
        assert answer.status_code == 200
        assert answer.json() == [
            {"data": {"researcher": {"name": "Gongfan Fang"}}},
            {"data": {"graphStats": {"papers": 17}}},
        ]
        too_many = await http.post("/graphql", json=[one, two, one])
        assert too_many.status_code == 400
        assert too_many.json()["errors"][0]["extensions"] == {
            "code": "BATCH_TOO_LARGE",
            "operations": 3,
            "maxBatch": 2,
        }
        empty = await http.post("/graphql", json=[])
        assert (empty.status_code, empty.json()["errors"][0]["extensions"]["code"]) == (
            400,
            "BAD_REQUEST",
        )


async def test_bodies_past_the_limit_are_refused(settings: Settings) -> None:
    padding = " " * 2000
    body = json.dumps({"query": "{ graphStats { papers } }" + padding}).encode()

    async def chunks() -> AsyncIterator[bytes]:
        for start in range(0, len(body), 500):
            yield body[start : start + 500]

    async with app_client(replace(settings, max_body_bytes=1000)) as http:
        headers = {"content-type": "application/json"}
        declared = await http.post("/graphql", content=body, headers=headers)
        streamed = await http.post("/graphql", content=chunks(), headers=headers)
        for answer in (declared, streamed):
            assert answer.status_code == 413
            assert answer.json() == {
                "data": None,
                "errors": [
                    {
                        "message": "the request body is over 1000 bytes",
                        "extensions": {"code": "REQUEST_TOO_LARGE", "maxBytes": 1000},
                    }
                ],
            }
        assert "transfer-encoding" not in declared.request.headers
        assert streamed.request.headers["transfer-encoding"] == "chunked"
