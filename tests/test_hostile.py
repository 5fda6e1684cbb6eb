"""The attacks of the outside run (issue 15), each bounded in time and answered with its exact
status and code; the last test checks that the server still answers and no data changed."""

from __future__ import annotations

import asyncio
import json
import logging
import socket
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path

import httpx
import pytest
from graphql import (
    GraphQLList,
    GraphQLNonNull,
    GraphQLScalarType,
    get_introspection_query,
    parse,
)

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.engine.paging import binding, encode_cursor, list_scope
from bzpeer_graphql.graph.caches import PARSED, VALIDATED
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.policy.walk import Limits, measure
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
    "{ nodes { id: entityId } edges { source } }"
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
    # a cursor of this paper's references
    bound = binding(list_scope("Paper.references", "CITATIONS"), "arxiv-2205.07523")
    cursor = encode_cursor([-2022, 0, "", "arxiv-2112.06253", ""], bound)
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
    ] == [
        (
            ["paper", "citedBy"],
            "after is a cursor of another list: it was given out for another parent, list, "
            "order or filter than this field's",
            "BAD_USER_INPUT",
        )
    ]


async def test_a_cursor_of_another_researcher_is_bad_user_input(
    client: httpx.AsyncClient,
) -> None:
    # a cursor of Gongfan Fang's coauthors, on Jie Song's: the list alone is refused
    bound = binding(
        list_scope("Researcher.coauthors", "COAUTHORS", {"minShared": 1}), "gongfan-fang"
    )
    cursor = encode_cursor([-4, 0, "Jie Song", "jie-song", ""], bound)
    query = """query($after: String) {
      own: researcher(id: "gongfan-fang") { coauthors(first: 1, after: $after) { totalCount } }
      other: researcher(id: "jie-song") { name coauthors(first: 1, after: $after) { totalCount } }
    }"""
    async with bounded():
        answer = await client.post(
            "/graphql", json={"query": query, "variables": {"after": cursor}}
        )
    body = answer.json()
    assert answer.status_code == 200
    assert body["data"]["own"]["coauthors"]["totalCount"] == 15
    assert body["data"]["other"] == {"name": "Jie Song", "coauthors": None}
    assert [(e["path"], e["extensions"]) for e in body["errors"]] == [
        (["other", "coauthors"], {"code": "BAD_USER_INPUT", "argument": "after"})
    ]


#: the Int argument every integer attack aims at
FIRST_OF = "query($n: Int) { papers(first: $n) { totalCount } }"
#: request bodies (as sent, digits written out) holding integers past 32 bits (issue 28)
HUGE_INTEGERS = {
    "variable 10^400": f'{{"query": "{FIRST_OF}", "variables": {{"n": 1{"0" * 400}}}}}',
    "variable 10^5000": f'{{"query": "{FIRST_OF}", "variables": {{"n": 1{"0" * 5000}}}}}',
    "variable 2^64": f'{{"query": "{FIRST_OF}", "variables": {{"n": {2**64}}}}}',
    "variable 2^40": f'{{"query": "{FIRST_OF}", "variables": {{"n": {2**40}}}}}',
    "variable -2^31-1": f'{{"query": "{FIRST_OF}", "variables": {{"n": {-(2**31) - 1}}}}}',
    "extension 10^400": f'{{"query": "{{ __typename }}", "extensions": {{"n": 1{"0" * 400}}}}}',
    "literal 10^30": json.dumps({"query": "{ papers(first: 1" + "0" * 30 + ") { totalCount } }"}),
    "literal 2^64": json.dumps({"query": f"{{ papers(first: {2**64}) {{ totalCount }} }}"}),
    "literal 10^5000": json.dumps(
        {"query": "{ papers(first: 1" + "0" * 5000 + ") { totalCount } }"}
    ),
    "default 10^400": json.dumps({"query": FIRST_OF.replace("Int", "Int = 1" + "0" * 400)}),
    "slice 2^64": json.dumps(
        {"query": f'{{ neighbourhood(id: "x", maxNodes: {2**64}) {{ nodes {{ id }} }} }}'}
    ),
}


@pytest.mark.parametrize("attack", HUGE_INTEGERS)
async def test_integers_beyond_32_bits_are_bad_user_input_with_one_log_line(
    client: httpx.AsyncClient, attack: str, caplog: pytest.LogCaptureFixture
) -> None:
    body = HUGE_INTEGERS[attack].encode()
    answers = []
    with caplog.at_level(logging.INFO):
        for accept in ("application/json", "application/graphql-response+json"):
            caplog.clear()
            async with bounded():
                answers.append(
                    await client.post(
                        "/graphql",
                        content=body,
                        headers={"content-type": "application/json", "accept": accept},
                    )
                )
            ours = [r for r in caplog.records if r.name.startswith("bzpeer_graphql")]
            assert [r.getMessage() for r in ours] == [f"POST /graphql {answers[-1].status_code}"]
            assert not any(r.exc_info for r in caplog.records)
    plain, strict = answers
    assert coded(plain) == (200, "BAD_USER_INPUT")
    assert strict.status_code == 400
    assert strict.headers["content-type"].startswith("application/graphql-response+json")
    assert strict.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert "data" not in strict.json()


async def test_huge_integers_in_get_variables_are_bad_user_input(
    client: httpx.AsyncClient,
) -> None:
    async with bounded():
        answers = [
            await client.get("/graphql", params={"query": FIRST_OF, "variables": f'{{"n": {n}}}'})
            for n in (2**64, 10**400, 2**31)
        ]
    assert [coded(a) for a in answers] == [(200, "BAD_USER_INPUT")] * 3


async def test_nested_firsts_of_2_to_the_31_cost_at_most_2_to_the_53(
    client: httpx.AsyncClient,
) -> None:
    top = 2**31 - 1
    query = f"""{{ papers(first: {top}) {{ edges {{ node {{
      citedBy(first: {top}) {{ edges {{ node {{
        references(first: {top}) {{ edges {{ node {{
          citedBy(first: {top}) {{ totalCount }} }} }} }} }} }} }} }} }} }} }}"""
    async with bounded():
        answer = await client.post("/graphql", json={"query": query})
    assert coded(answer) == (200, "QUERY_TOO_COSTLY")
    assert answer.json()["errors"][0]["extensions"]["cost"] == 2**53 - 1


#: graphql-core's full introspection query (GraphiQL sends the same shape)
FULL_INTROSPECTION = get_introspection_query(descriptions=True)


def introspections(aliases: int) -> str:
    """The full introspection query with its `__schema` asked `aliases` times under aliases."""
    start = FULL_INTROSPECTION.index("__schema")
    end = FULL_INTROSPECTION.index("fragment FullType")
    body = FULL_INTROSPECTION[start:end].strip().removesuffix("}").strip()
    fields = " ".join(f"s{i}: {body}" for i in range(aliases))
    return f"query IntrospectionQuery {{ {fields} }}\n{FULL_INTROSPECTION[end:]}"


async def test_a_full_introspection_is_answered_within_the_depth_and_cost_caps(
    client: httpx.AsyncClient,
) -> None:
    found = measure(schema._schema, parse(FULL_INTROSPECTION), None, None, LIMITS)
    assert found is not None
    assert (found.cost, found.depth, found.introspects) == (5000, 15, True)
    async with bounded():
        answers = [
            await client.post("/graphql", json={"query": FULL_INTROSPECTION}) for _ in range(2)
        ]
    for answer in answers:  # the second from memory, the same
        assert answer.status_code == 200
        assert answer.json()["data"]["__schema"]["queryType"] == {"name": "Query", "kind": "OBJECT"}
    assert answers[0].content == answers[1].content


async def test_aliased_introspections_are_charged_by_their_size(
    client: httpx.AsyncClient,
) -> None:
    async with bounded():
        four = await client.post("/graphql", json={"query": introspections(4)})
        five = await client.post("/graphql", json={"query": introspections(5)})
    assert four.status_code == 200 and len(four.json()["data"]) == 4
    assert five.json()["errors"][0]["extensions"] == {
        "code": "QUERY_TOO_COSTLY",
        "cost": 25000,
        "maxCost": 20000,
    }


async def test_an_introspection_storm_is_refused_and_health_still_answers(
    client: httpx.AsyncClient,
) -> None:
    # the outside run's 20 concurrent 30-alias full introspections (1.2 s of CPU each before)
    storm = introspections(30)
    async with bounded():
        answers = await asyncio.gather(
            *(client.post("/graphql", json={"query": storm}) for _ in range(20)),
            client.get("/healthz"),
        )
    *refused, health = answers
    assert {coded(answer) for answer in refused} == {(200, "QUERY_TOO_COSTLY")}
    assert {answer.json()["errors"][0]["extensions"]["cost"] for answer in refused} == {150000}
    assert health.json() == {"status": "ok"}


async def test_introspection_past_the_cap_is_refused_before_validation(
    client: httpx.AsyncClient,
) -> None:
    # an unknown field beside five full introspections: validation would call it
    # GRAPHQL_VALIDATION_FAILED, but the charge of the root introspection fields comes first
    query = introspections(5).replace("query IntrospectionQuery {", "{ notAField", 1)
    before = len(VALIDATED)
    async with bounded():
        answer = await client.post("/graphql", json={"query": query})
    assert coded(answer) == (200, "QUERY_TOO_COSTLY")
    assert answer.json()["errors"][0]["extensions"]["cost"] == 25000
    assert len(VALIDATED) == before  # graphql-core's rules never ran on it


async def test_a_salted_introspection_storm_is_refused_from_its_tokens_unparsed(
    client: httpx.AsyncClient,
) -> None:
    # a new text per request (an attacker salts it past the caches): its tokens are read in C,
    # graphql-core's parse (10x the CPU) never runs on it
    texts = [f"{introspections(30)}# {salt}" for salt in range(20)]
    before = len(PARSED)
    async with bounded():
        answers = await asyncio.gather(
            *(client.post("/graphql", json={"query": text}) for text in texts)
        )
    assert {coded(answer) for answer in answers} == {(200, "QUERY_TOO_COSTLY")}
    assert {answer.json()["errors"][0]["extensions"]["cost"] for answer in answers} == {150000}
    assert len(PARSED) == before


async def test_type_nesting_counts_in_depth(client: httpx.AsyncClient) -> None:
    nested = "ofType { " * 50 + "name" + " }" * 50
    async with bounded():
        answer = await client.post(
            "/graphql", json={"query": f'{{ __type(name: "Researcher") {{ {nested} }} }}'}
        )
    assert coded(answer) == (200, "QUERY_TOO_DEEP")
    assert answer.json()["errors"][0]["extensions"]["depth"] == 52


#: the measure of the attacks' documents at the default limits
LIMITS = Limits(15, 30, 20000, 20, True)


@pytest.mark.parametrize(
    ("query", "cost"),
    [
        ("{ paperStats { count } }", 1000),
        ("{ paperStats(filter: {yearFrom: 2020}) { count byTopic(first: 5) { count } } }", 1005),
        ('{ researcher(id: "x") { paperStats { count } worksPerYear { year } } }', 50 + 20 + 50),
        ('{ topic(id: "x") { paperStats { count } } }', 50),
        ("{ institutions(first: 10) { edges { node { paperStats { count } } } } }", 10 * 51),
        ("{ researchers(first: 50) { edges { node { paperStats { count } } } } }", 50 * 51),
    ],
)
def test_every_aggregate_is_charged_by_what_it_scans(query: str, cost: int) -> None:
    found = measure(schema._schema, parse(query), None, None, LIMITS)
    assert found is not None and found.cost == cost


def paper_stats(aliases: int) -> str:
    """`aliases` root `paperStats` of distinct filters (one Cypher aggregate each)."""
    stats = [
        f"s{i}: paperStats(filter: {{yearFrom: {1990 + i}}}) {{ count }}" for i in range(aliases)
    ]
    return "{ " + " ".join(stats) + " }"


async def test_aliased_paper_stats_are_refused_before_any_cypher(
    client: httpx.AsyncClient,
) -> None:
    # the outside run's batches of 30 aliased `paperStats(filter:)` took 1-7 s each
    async with bounded():
        answer = await client.post(
            "/graphql", json={"query": paper_stats(30)}, headers={"x-bzpeer-debug": "1"}
        )
        twenty = await client.post("/graphql", json={"query": paper_stats(20)})
    assert coded(answer) == (200, "QUERY_TOO_COSTLY")
    assert answer.json()["errors"][0]["extensions"]["cost"] == 30000
    assert answer.json()["extensions"]["cypher"]["queries"] == 0
    assert twenty.status_code == 200 and len(twenty.json()["data"]) == 20


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


def read_until_closed(sock: socket.socket) -> bytes:
    """Everything the server sends until it closes the connection (bounded by the socket's
    timeout, which raises)."""
    received = b""
    while chunk := sock.recv(65536):
        received += chunk
    return received


def test_a_served_process_refuses_smuggling_and_closes_idle_connections(
    tmp_path: Path, connection: Connection
) -> None:
    port = free_port()
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(port),
    )
    body = b'{"query": "{ __typename }"}'
    smuggled = (
        b"POST /graphql HTTP/1.1\r\nHost: 127.0.0.1\r\nContent-Type: application/json\r\n"
        b"Content-Length: %d\r\nTransfer-Encoding: chunked\r\n\r\n%x\r\n%s\r\n0\r\n\r\n"
        % (len(body), len(body), body)
    )
    pipelined = b"GET /healthz HTTP/1.1\r\nHost: 127.0.0.1\r\n\r\n"
    with serving(["--no-migrate", "--workers", "2"], env, tmp_path):
        with socket.create_connection(("127.0.0.1", port), timeout=BOUND_S) as sock:
            sock.sendall(smuggled + pipelined)
            refused = read_until_closed(sock)
        with socket.create_connection(("127.0.0.1", port), timeout=BOUND_S) as sock:
            sock.sendall(pipelined)
            started = time.monotonic()
            answered = read_until_closed(sock)  # then idle: closed after uvicorn's keep-alive
            idle_s = time.monotonic() - started
    head, _, answer = refused.partition(b"\r\n\r\n")
    assert head.startswith(b"HTTP/1.1 400 ") and b"connection: close" in head.lower()
    if b"content-type: application/json" in head.lower():  # h11 let it through to framing.py
        assert json.loads(answer)["errors"][0]["extensions"]["code"] == "BAD_REQUEST"
    else:  # uvicorn's httptools parser (when installed) refuses it before the app sees it
        assert answer == b"Invalid HTTP request received."
    assert refused.count(b"HTTP/1.1 ") == 1  # the pipelined GET was never read
    assert answered.startswith(b"HTTP/1.1 200 ") and answered.endswith(b'{"status":"ok"}')
    assert 4 < idle_s < 10  # uvicorn's timeout_keep_alive: 5 s


async def test_the_server_still_answers_and_the_data_is_unchanged(
    client: httpx.AsyncClient, seeded: Database, digest_before: str
) -> None:
    async with bounded():
        answer = await client.post(
            "/graphql", json={"query": '{ researcher(id: "gongfan-fang") { name } }'}
        )
    assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
    assert await graph_digest(seeded) == digest_before
