"""The attacks of the outside run (issue 15), each bounded in time and answered with its exact
status and code; the last test checks that the server still answers and no data changed."""

from __future__ import annotations

import asyncio
import json
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from graphql import GraphQLList, GraphQLNonNull, GraphQLScalarType, parse

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.graph.caches import PARSED, VALIDATED
from bzpeer_graphql.graph.pagination import encode_cursor
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.policy.limits import Limits, measure
from bzpeer_graphql.settings import Settings
from tests.helpers import app_client, cli_env, graph_digest
from tests.test_serve import serving

pytestmark = pytest.mark.usefixtures("seeded")

#: no attack may take longer than this to be answered (a bound against hangs, not a benchmark)
BOUND_S = 20.0


def fan_out(levels: int, leaf: str, width: int = 10) -> str:
    """A small document whose fragments each spread the next `width` times, `levels` deep."""
    fragments = [
        f"fragment F{i} on Query {{ {' '.join([f'...F{i + 1}'] * width)} }}" for i in range(levels)
    ]
    fragments.append(f"fragment F{levels} on Query {{ {leaf} }}")
    return "query { ...F0 }\n" + "\n".join(fragments)


def coded(answer: httpx.Response) -> tuple[int, str]:
    """(HTTP status, code of the first error) of a JSON answer."""
    assert answer.headers["content-type"].startswith("application/json"), answer.text
    body = answer.json()
    first = body[0] if isinstance(body, list) else body
    return answer.status_code, first["errors"][0]["extensions"]["code"]


@asynccontextmanager
async def bounded() -> AsyncIterator[None]:
    async with asyncio.timeout(BOUND_S):
        yield


@pytest.fixture(scope="module")
async def digest_before(seeded: Database) -> str:
    """The digest of every node and relationship before any attack."""
    return await graph_digest(seeded)


async def test_the_data_is_digested_before_the_attacks(digest_before: str) -> None:
    assert len(digest_before) == 64


@pytest.mark.parametrize("levels", [6, 10])
def test_fragment_fan_out_is_measured_in_linear_visits(levels: int) -> None:
    limits = Limits(15, 30, 20000, 20, True)
    for leaf, fields, cost, aliases in (
        ("graphStats { papers }", 2, 0, 0),
        ("a: graphStats { papers }", 2, 0, 10**levels),
        ('researcher(id: "x") { works { edges { node { title } } } }', 5, 20 * 10**levels, 0),
    ):
        document = parse(fan_out(levels, leaf))
        found = measure(schema._schema, document, None, None, limits)
        assert found is not None
        # the operation's spread, ten spreads in each fragment, and the leaf fragment's fields,
        # each visited once however many times the fragments are spread
        assert found.visits == 1 + 10 * levels + fields
        assert (found.cost, found.aliases, found.depth) == (cost, aliases, 5 if cost else 2)


@pytest.mark.parametrize("levels", [6, 10])
async def test_fragment_fan_out_is_refused_or_answered(
    client: httpx.AsyncClient, levels: int
) -> None:
    async with bounded():
        aliased = await client.post(
            "/graphql", json={"query": fan_out(levels, "a: graphStats { papers }")}
        )
        listed = await client.post(
            "/graphql",
            json={"query": fan_out(levels, 'researcher(id: "x") { works { edges { cursor } } }')},
        )
        plain = await client.post("/graphql", json={"query": fan_out(levels, "__typename")})
        health = await client.get("/healthz")
    assert coded(aliased) == (200, "TOO_MANY_ALIASES")
    assert coded(listed) == (200, "QUERY_TOO_COSTLY")
    assert plain.json() == {"data": {"__typename": "Query"}}  # spreads merge as they execute
    assert health.status_code == 200


async def test_selection_sets_too_wide_to_validate_quickly_are_refused(
    client: httpx.AsyncClient,
) -> None:
    # graphql-core compares same-named fields pairwise: 4,900 of them kept it busy ~350 ms
    wide = "{ " + " ".join(["__typename"] * 4900) + " }"
    many = "{ " + " ".join("graphStats { " + " papers" * 100 + " }" for _ in range(11)) + " }"
    async with bounded():
        answers = [await client.post("/graphql", json={"query": q}) for q in (wide, many)]
    for answer in answers:
        assert answer.json()["errors"][0]["extensions"] == {
            "code": "QUERY_TOO_WIDE",
            "maxSelections": 100,
            "maxDocumentSelections": 1000,
        }


SLICE = (
    'neighbourhood(id: "gongfan-fang", depth: 3, maxNodes: 5000, limitPerNode: 100) '
    "{ nodes { id } edges { source } }"
)


async def test_aliased_large_slices_are_refused_before_any_cypher(
    client: httpx.AsyncClient,
) -> None:
    query = "{ " + " ".join(f"s{i}: {SLICE}" for i in range(4)) + " }"
    async with bounded():
        answer = await client.post(
            "/graphql", json={"query": query}, headers={"x-bzpeer-debug": "1"}
        )
    assert coded(answer) == (200, "QUERY_TOO_COSTLY")
    # 4 x (10 per node x 5000 nodes + 500 per ranked node x (1 + 100 + 4899))
    assert answer.json()["errors"][0]["extensions"]["cost"] == 4 * (10 * 5000 + 500 * 5000)
    assert answer.json()["extensions"]["cypher"]["queries"] == 0


async def test_the_operations_of_a_batch_share_the_cost_cap(client: httpx.AsyncClient) -> None:
    # each costs 15,050 alone (ranking every researcher by citations counts 15,000)
    ranked = {"query": "{ researchers(first: 50, orderBy: CITATIONS_DESC) { totalCount } }"}
    async with bounded():
        one = await client.post("/graphql", json=ranked)
        batch = await client.post("/graphql", json=[ranked] * 10)
    assert one.json()["data"]["researchers"]["totalCount"] == 33
    answers = batch.json()
    assert batch.status_code == 200
    assert answers[0]["data"]["researchers"]["totalCount"] == 33
    # a refused operation costs nothing: each later one is measured against the first's 15,050
    assert [a["errors"][0]["extensions"] for a in answers[1:]] == [
        {"code": "QUERY_TOO_COSTLY", "cost": 30100, "maxCost": 20000}
    ] * 9


async def test_a_batch_counts_each_operation_against_the_rate(settings: Settings) -> None:
    cheap = {"query": "{ __typename }"}
    async with app_client(replace(settings, rate_limit=0.01, rate_burst=10)) as http, bounded():
        batch = await http.post("/graphql", json=[cheap] * 10)
        after = await http.post("/graphql", json=cheap)
    assert batch.status_code == 200
    assert coded(after) == (429, "RATE_LIMITED")


async def test_spoofed_forwarded_addresses_get_no_fresh_bucket(settings: Settings) -> None:
    async with app_client(replace(settings, rate_limit=0.01, rate_burst=1)) as http, bounded():
        answers = [
            await http.post("/graphql", json={"query": "{ __typename }"}, headers={header: value})
            for header, value in (
                ("x-forwarded-for", "203.0.113.1"),
                ("x-forwarded-for", "203.0.113.2"),
                ("forwarded", "for=203.0.113.3"),
            )
        ]
    assert [a.status_code for a in answers] == [200, 429, 429]


async def test_a_response_past_the_cap_is_a_coded_error(settings: Settings) -> None:
    query = '{ researcher(id: "gongfan-fang") { works { edges { node { title abstract } } } } }'
    async with app_client(replace(settings, max_response_bytes=2000)) as http, bounded():
        answer = await http.post("/graphql", json={"query": query})
    assert answer.status_code == 200
    assert answer.json() == {
        "data": None,
        "errors": [
            {
                "message": "the answer is over 2000 bytes; ask for fewer items or fields",
                "extensions": {"code": "RESPONSE_TOO_LARGE", "maxBytes": 2000},
            }
        ],
    }


@pytest.mark.parametrize("body", ["123", '"abc"', "null", '[1,"x"]', "true", '[{"query": 5}]'])
async def test_json_that_is_not_an_operation_is_400(client: httpx.AsyncClient, body: str) -> None:
    async with bounded():
        answer = await client.post(
            "/graphql", content=body.encode(), headers={"content-type": "application/json"}
        )
    assert coded(answer) == (400, "BAD_REQUEST")


async def test_deeply_nested_variables_are_400(client: httpx.AsyncClient) -> None:
    query = "query($v: String) { __typename }"
    for depth in (100, 10_000):
        variables = "[" * depth + "]" * depth
        body = f'{{"query": "{query}", "variables": {{"v": {variables}}}}}'
        async with bounded():
            posted = await client.post(
                "/graphql", content=body.encode(), headers={"content-type": "application/json"}
            )
            got = await client.get("/graphql", params={"query": query, "variables": variables})
        assert coded(posted) == (400, "BAD_REQUEST")
        assert coded(got) == (400, "BAD_REQUEST")


async def test_a_deeply_nested_cursor_is_bad_user_input(client: httpx.AsyncClient) -> None:
    query = "query($after: String) { papers(first: 2, after: $after) { totalCount } }"
    for depth in (500, 5_000):
        nested = _b64("[" * depth + "]" * depth)
        async with bounded():
            answer = await client.post(
                "/graphql", json={"query": query, "variables": {"after": nested}}
            )
        assert coded(answer) == (200, "BAD_USER_INPUT")
        assert answer.json()["errors"][0]["extensions"]["argument"] == "after"


def _b64(text: str) -> str:
    import base64

    return base64.urlsafe_b64encode(text.encode()).decode().rstrip("=")


def _string_arguments() -> list[tuple[str, str, str]]:
    """(operation type, field, argument) of every root field argument of type String or ID."""
    found = []
    for kind, root in (
        ("query", schema._schema.query_type),
        ("mutation", schema._schema.mutation_type),
    ):
        assert root is not None
        for name, field in root.fields.items():
            for argument_name, argument in field.args.items():
                of = argument.type
                while isinstance(of, GraphQLNonNull | GraphQLList):
                    of = of.of_type
                if isinstance(of, GraphQLScalarType) and of.name in ("String", "ID"):
                    found.append((kind, name, argument_name))
    return found


STRING_ARGUMENTS = _string_arguments()


def test_every_string_argument_is_tried() -> None:
    assert len(STRING_ARGUMENTS) >= 15  # the roots' String and ID arguments, at least


async def test_lone_surrogates_never_reach_the_database(client: httpx.AsyncClient) -> None:
    async with bounded():
        for kind, field, argument in STRING_ARGUMENTS:
            query = f"{kind}($v: String) {{ {field}({argument}: $v) {{ __typename }} }}"
            body = json.dumps({"query": query, "variables": {"v": "a\ud800b"}})
            answer = await client.post(
                "/graphql", content=body.encode(), headers={"content-type": "application/json"}
            )
            assert coded(answer) == (400, "BAD_USER_INPUT"), (field, argument)
        # in the document itself, escaped or raw, the parser refuses it
        for text in ('{ researcher(id: "\\ud800") { id } }', '{ researcher(id: "\ud800") { id } }'):
            answer = await client.post(
                "/graphql",
                content=json.dumps({"query": text}).encode(),
                headers={"content-type": "application/json"},
            )
            assert coded(answer) in ((200, "GRAPHQL_PARSE_FAILED"), (400, "BAD_USER_INPUT"))


async def test_no_field_suggestions_while_introspection_is_off(settings: Settings) -> None:
    misspelt = '{ researcher(id: "gongfan-fang") { nam } }'
    async with app_client(replace(settings, introspection=False)) as http, bounded():
        answer = await http.post("/graphql", json={"query": misspelt})
        enum = await http.post(
            "/graphql", json={"query": "{ researchers(orderBy: NAME) { totalCount } }"}
        )
    assert answer.json()["errors"][0]["message"] == (
        "Cannot query field 'nam' on type 'Researcher'."
    )
    assert "Did you mean" not in enum.text
    async with app_client(settings) as http:
        helped = await http.post("/graphql", json={"query": misspelt})
    assert "Did you mean 'name'?" in helped.json()["errors"][0]["message"]


async def test_every_response_carries_the_security_headers(client: httpx.AsyncClient) -> None:
    async with bounded():
        answers = [
            await client.post("/graphql", json={"query": "{ __typename }"}),
            await client.get("/graphql", headers={"accept": "text/html"}),
            await client.get("/healthz"),
            await client.get("/explorer"),
            await client.get("/no-such-page"),
            await client.put("/graphql"),
            await client.post(
                "/graphql", content=b"{", headers={"content-type": "application/json"}
            ),
        ]
    for answer in answers:
        assert answer.headers["x-content-type-options"] == "nosniff"
        assert answer.headers["x-frame-options"] == "DENY"
        assert answer.headers["referrer-policy"] == "no-referrer"
        assert "frame-ancestors 'none'" in answer.headers["content-security-policy"]
        assert "server" not in answer.headers
    graphiql = answers[1].headers["content-security-policy"]
    assert "script-src 'self'" in graphiql and "connect-src 'self'" in graphiql
    assert answers[0].headers["content-security-policy"].startswith("default-src 'none'")


async def test_caches_stay_within_their_bytes(settings: Settings) -> None:
    budget = 1_000_000
    PARSED.clear()
    VALIDATED.clear()
    async with (
        app_client(replace(settings, document_cache_bytes=budget, apq_cache_bytes=budget)) as http,
        bounded(),
    ):
        for i in range(30):
            alias = f"a{i:03d}" + "x" * 200_000  # one long name: one token, one alias
            answer = await http.post("/graphql", json={"query": f"{{ {alias}: __typename }}"})
            assert answer.json() == {"data": {alias: "Query"}}
        assert 0 < PARSED.bytes <= budget and 0 < len(PARSED) < 30
        assert 0 < VALIDATED.bytes <= budget and 0 < len(VALIDATED) < 30


async def test_a_cursor_of_another_list_is_bad_user_input(client: httpx.AsyncClient) -> None:
    cursor = encode_cursor([-2022, 0, "", "arxiv-2112.06253", ""], "Paper.references:CITATIONS")
    answers = {}
    async with bounded():
        for field in ("references", "citedBy"):
            query = f"""query($after: String) {{ paper(id: "arxiv-2205.07523") {{
              {field}(after: $after) {{ totalCount }} }} }}"""
            answers[field] = (
                await client.post("/graphql", json={"query": query, "variables": {"after": cursor}})
            ).json()
    assert answers["references"] == {"data": {"paper": {"references": {"totalCount": 0}}}}
    assert [
        (e["path"], e["message"], e["extensions"]["code"]) for e in answers["citedBy"]["errors"]
    ] == [(["paper", "citedBy"], "after is a cursor of another list or ordering", "BAD_USER_INPUT")]


def test_a_served_process_trusts_no_forwarded_header_and_names_no_server(
    tmp_path: Path, connection: Connection
) -> None:
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        BZPEER_RATE_LIMIT="0.01",
        BZPEER_RATE_BURST="1",
    )
    with serving(["--no-migrate"], env, tmp_path) as served, httpx.Client(timeout=BOUND_S) as http:
        # uvicorn's own proxy headers would make each spoofed address a client from loopback
        answers = [
            http.post(
                f"{served.base}/graphql",
                json={"query": "{ __typename }"},
                headers={"x-forwarded-for": f"203.0.113.{i}"},
            )
            for i in (1, 2)
        ]
    assert [a.status_code for a in answers] == [200, 429]
    for answer in answers:
        assert "server" not in answer.headers
        assert answer.headers["x-content-type-options"] == "nosniff"


async def test_the_server_still_answers_and_the_data_is_unchanged(
    client: httpx.AsyncClient, seeded: Database, digest_before: str
) -> None:
    async with bounded():
        answer = await client.post(
            "/graphql", json={"query": '{ researcher(id: "gongfan-fang") { name } }'}
        )
    assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
    assert await graph_digest(seeded) == digest_before
