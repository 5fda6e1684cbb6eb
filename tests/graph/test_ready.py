"""A text seen and validated before runs without strawberry's extension hooks (`graph/ready.py`):
the same answers, refusals, codes and debug figures as its first run through the hooks."""

from __future__ import annotations

from typing import Any

import httpx
import pytest
import strawberry
from graphql import parse
from graphql.execution import executor as executor_module

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.policy import variables as variables_module
from bzpeer_graphql.policy.measured import measured
from bzpeer_graphql.policy.walk import Limits
from tests.helpers import gql

WORKS = """query($id: ID!, $n: Int) { researcher(id: $id) { name
  works(first: $n) { totalCount edges { node { id year } } } } }"""
FAN = """query($n: Int) { researcher(id: "gongfan-fang") {
  coauthors(first: $n) { edges { node { coauthors(first: $n) { edges { node {
    works(first: 10) { edges { node { title } } } } } } } } } } }"""

#: (text, variables) asked twice each: an answer, a cost refusal, a variable refused, a field
#: error, an operation picked by name
ASKED: list[tuple[str, dict[str, Any], str | None]] = [
    (WORKS, {"id": "gongfan-fang", "n": 2}, None),
    (FAN, {"n": 50}, None),
    (WORKS, {"id": "gongfan-fang", "n": 2**40}, None),
    (WORKS, {"id": "gongfan-fang", "n": -1}, None),
    ('query A { paper(id: 1) { id } } query B { researcher(id: "gongfan-fang") { id } }', {}, "B"),
    (
        "query($id: ID!) { researcher(id: $id) { ...F } }"
        " fragment F on Researcher { name works(first: 1) { totalCount } }",
        {"id": "gongfan-fang"},
        None,
    ),
]


def _without_times(body: dict[str, Any]) -> dict[str, Any]:
    """The body without Neo4j's milliseconds, which differ from run to run."""
    cypher = (body.get("extensions") or {}).get("cypher")
    if cypher is not None:
        cypher.pop("dbMs")
    return body


async def _ask(
    client: httpx.AsyncClient, text: str, variables: dict[str, Any], name: str | None
) -> tuple[int, dict[str, Any]]:
    response = await client.post(
        "/graphql",
        json={"query": text, "variables": variables, "operationName": name},
        headers={"X-Bzpeer-Debug": "1"},
    )
    return response.status_code, _without_times(response.json())


@pytest.mark.parametrize(("text", "variables", "name"), ASKED)
async def test_a_text_seen_before_answers_as_it_did_through_the_hooks(
    client: httpx.AsyncClient,
    seeded: Database,
    monkeypatch: pytest.MonkeyPatch,
    text: str,
    variables: dict[str, Any],
    name: str | None,
) -> None:
    first = await _ask(client, text, variables, name)
    through_hooks = 0
    hooks = strawberry.Schema.execute

    async def counted(*args: Any, **kwargs: Any) -> Any:
        nonlocal through_hooks
        through_hooks += 1
        return await hooks(*args, **kwargs)

    monkeypatch.setattr(strawberry.Schema, "execute", counted)
    coerced = 0
    for module in (variables_module, executor_module):
        original = module.get_variable_values

        def counting(*args: Any, original: Any = original, **kwargs: Any) -> Any:
            nonlocal coerced
            coerced += 1
            return original(*args, **kwargs)

        monkeypatch.setattr(module, "get_variable_values", counting)
    again = await _ask(client, text, variables, name)
    assert again == first
    assert through_hooks == 0  # the second time ran without strawberry's hooks
    assert coerced == 1  # the limits' coercion is the executor's


async def test_the_ready_path_keeps_codes_and_figures(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    for _ in range(2):
        works = await gql(client, WORKS, {"id": "gongfan-fang", "n": 2}, debug=True)
        assert works["data"]["researcher"]["works"]["totalCount"] == 5
        assert [e["node"]["year"] for e in works["data"]["researcher"]["works"]["edges"]] == [
            2022,
            2022,
        ]
        assert works["extensions"]["cypher"]["queries"] == 1
        costly = await gql(client, FAN, {"n": 50}, debug=True)
        assert costly["data"] is None
        assert costly["errors"][0]["extensions"] == {
            "code": "QUERY_TOO_COSTLY",
            "cost": 27550,
            "maxCost": 20000,
        }
        assert costly["extensions"]["cypher"]["queries"] == 0
        wide = await gql(client, WORKS, {"id": "gongfan-fang", "n": 2**40})
        assert wide["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        assert "data" not in wide or wide["data"] is None


def test_a_measure_is_kept_for_the_values_its_walk_read() -> None:
    document = parse(
        FAN.replace('"gongfan-fang"', "$id").replace("query($n: Int)", "query($n: Int, $id: ID!)")
    )
    limits = Limits(
        max_depth=12, max_aliases=30, max_cost=20000, default_page_size=20, introspection=True
    )
    graphql_schema = schema._schema
    fifty = measured(graphql_schema, document, None, {"n": 50, "id": "a"}, limits)
    assert fifty is not None and fifty.cost == 27550 and fifty.read == frozenset({"n"})
    # another id: the same measure, from memory
    assert measured(graphql_schema, document, None, {"n": 50, "id": "b"}, limits) is fifty
    forty = measured(graphql_schema, document, None, {"n": 40, "id": "a"}, limits)
    assert forty is not None and forty.cost == 17640
    # a page size left out is not a null one to the memory, though both cost the default
    absent = measured(graphql_schema, document, None, {"id": "a"}, limits)
    null = measured(graphql_schema, document, None, {"n": None, "id": "a"}, limits)
    assert absent is not None and null is not None and absent is not null
    assert absent.cost == null.cost
