"""Fuzzing: operations generated from `schema.graphql` run through the app on the seed graph.

Every answer must be well formed, and every error must carry a client error's code: an
INTERNAL_SERVER_ERROR, a TIMEOUT, a SERVICE_UNAVAILABLE or an error without a code fails.
A few examples in CI (deterministic); `BZPEER_FUZZ_EXAMPLES=2000` runs more.
"""

from __future__ import annotations

import json
import os
from pathlib import Path
from typing import Any

import httpx
import pytest
from graphql import IntValueNode, StringValueNode, ValueNode
from hypothesis import HealthCheck, given
from hypothesis import settings as examples
from hypothesis import strategies as st
from hypothesis_graphql import Mode, mutations, queries

from bzpeer_graphql.engine.paging import encode_cursor
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings

pytestmark = pytest.mark.usefixtures("seeded")

ROOT = Path(__file__).resolve().parents[1]
SDL = (ROOT / "schema.graphql").read_text()
EXAMPLES = int(os.environ.get("BZPEER_FUZZ_EXAMPLES", "100"))

#: the codes of errors that are the client's doing; any other code fails the fuzzer
CLIENT_CODES = frozenset(
    {
        "BAD_USER_INPUT",
        "GRAPHQL_VALIDATION_FAILED",
        "GRAPHQL_PARSE_FAILED",
        "NOT_FOUND",
        "UNAUTHENTICATED",
        "FORBIDDEN",
        "CLAIM_CONFLICT",
        "NOT_CLAIMED",
        "NOT_OPEN_TO_COLLABORATE",
        "RATE_LIMITED",
        # author identity: merges, splits, undos and proposals refused for what the client asked
        "ALREADY_MERGED",
        "ID_TAKEN",
        "NOT_AUTHORED",
        "NOT_UNDOABLE",
        "PROPOSAL_CLOSED",
        # the request limits and refusals of the HTTP endpoint
        "QUERY_TOO_DEEP",
        "TOO_MANY_ALIASES",
        "TOO_MANY_TOKENS",
        "QUERY_TOO_COSTLY",
        "QUERY_TOO_WIDE",
        "RESPONSE_TOO_LARGE",
        "BATCH_TOO_LARGE",
        "REQUEST_TOO_LARGE",
        "INTROSPECTION_DISABLED",
        "PERSISTED_QUERY_NOT_FOUND",
        "PERSISTED_QUERY_NOT_SUPPORTED",
        "PERSISTED_QUERY_NOT_IN_LIST",
        "PERSISTED_QUERY_HASH_MISMATCH",
        "PERSISTED_QUERY_INVALID",
        "BAD_REQUEST",
        "INVALID_JSON",
        "UNKNOWN_OPERATION",
        "METHOD_NOT_ALLOWED",
        "UNSUPPORTED_MEDIA_TYPE",
    }
)

SEED_IDS = sorted(
    json.loads(line)["id"]
    for line in (ROOT / "seed_data" / "graph.jsonl").read_text().splitlines()
    if line.strip() and "id" in json.loads(line)
)
SEED_WORDS = ["fang", "gong", "distillation", "knowledge", "data-free", "song", "zhejiang", "x"]
ORDERINGS = [
    "Query.papers:PAPERS_YEAR_DESC",
    "Query.papers:PAPERS_TITLE_ASC",
    "Query.researchers:RESEARCHERS_NAME_ASC",
    "Query.researchers:RESEARCHERS_WORKS_DESC",
    "Query.topics:TOPICS_NAME_ASC",
    "Query.institutions:INSTITUTIONS_MEMBERS_DESC",
    "Researcher.works:YEAR_DESC",
    "Researcher.works:YEAR_ASC",
    "Researcher.works:CITATIONS_DESC",
    "Researcher.coauthors:COAUTHORS",
    "Researcher.coauthorsOfCoauthors:COAUTHORS_OF_COAUTHORS",
    "Paper.references:CITATIONS",
    "Paper.citedBy:CITATIONS",
    "Topic.papers:TOPIC_PAPERS",
    "Topic.researchers:TOPIC_RESEARCHERS",
    "Institution.members:MEMBERS",
    "Viewer.follows:FOLLOWS",
]

_json_scalars = st.none() | st.booleans() | st.integers() | st.floats(allow_nan=False) | st.text()
#: cursors in the API's own encoding whose sort keys hold anything at all
_forged_cursors = st.builds(
    encode_cursor,
    st.lists(_json_scalars | st.lists(_json_scalars, max_size=3), min_size=5, max_size=5),
    st.sampled_from(ORDERINGS),
)


def _string(value: str) -> ValueNode:
    return StringValueNode(value=value)


def _int(value: int) -> ValueNode:
    return IntValueNode(value=str(value))


#: values near the ones the API means (seed ids, words it indexes, small counts, cursors),
#: mixed with anything at all
CUSTOM_SCALARS = {
    "ID": st.one_of(*[st.sampled_from(SEED_IDS)] * 3, st.text(max_size=20)).map(_string),
    "String": (st.sampled_from(SEED_WORDS + SEED_IDS) | _forged_cursors | st.text(max_size=40)).map(
        _string
    ),
    "Int": st.one_of(
        *[st.integers(min_value=-1, max_value=12)] * 3,
        st.sampled_from([0, 20, 99, 100, 101, 500, 5000, 5001, 2**31 - 1, -(2**31)]),
        st.integers(min_value=-(2**31), max_value=2**31 - 1),
    ).map(_int),
}

FUZZ = examples(
    max_examples=EXAMPLES,
    deadline=None,
    derandomize=True,
    database=None,
    suppress_health_check=[HealthCheck.function_scoped_fixture, HealthCheck.too_slow],
)


#: one operation whose arguments are all variables, for values of any JSON type
VARIABLES_QUERY = """query($id: ID!, $first: Int, $after: String, $order: WorkOrder,
  $filter: WorkFilter, $kinds: [NodeKind!], $depth: Int!, $text: String!,
  $people: ResearcherFilter, $peopleOrder: ResearcherOrder) {
  researcher(id: $id) {
    works(first: $first, after: $after, orderBy: $order, filter: $filter) { totalCount }
    graph(depth: $depth, kinds: $kinds) { truncated } }
  search(text: $text, kinds: $kinds, first: $first) { __typename }
  researchers(first: $first, filter: $people, orderBy: $peopleOrder) { totalCount }
  paperStats(filter: $filter) { count } }"""
VARIABLE_NAMES = [
    "id",
    "first",
    "after",
    "order",
    "filter",
    "kinds",
    "depth",
    "text",
    "people",
    "peopleOrder",
]
_plausible = st.sampled_from(
    [*SEED_IDS, *SEED_WORDS, "YEAR_DESC", "NAME_ASC", "RESEARCHER", "PAPER", 1, 2, 3, 2020]
)
_json = st.recursive(
    _plausible
    | st.none()
    | st.booleans()
    | st.integers()
    | st.floats(allow_nan=False, allow_infinity=False)
    | st.text(max_size=20),
    lambda inner: (
        st.lists(inner, max_size=3)
        | st.dictionaries(
            st.sampled_from(["yearFrom", "type", "topic", "nameContains", "author"])
            | st.text(max_size=8),
            inner,
            max_size=3,
        )
    ),
    max_leaves=8,
)
#: the required variables are mostly of their type, so that most operations get to run
VARIABLES = st.fixed_dictionaries(
    {
        "id": st.sampled_from(SEED_IDS) | _json,
        "depth": st.integers(min_value=1, max_value=3) | _json,
        "text": st.sampled_from(SEED_WORDS) | _json,
    },
    optional={
        name: st.none() | _json for name in VARIABLE_NAMES if name not in {"id", "depth", "text"}
    },
)


async def post(
    client: httpx.AsyncClient,
    query: str,
    token: str | None = None,
    variables: dict[str, Any] | None = None,
) -> tuple[int, dict[str, Any]]:
    headers = {"Authorization": f"Bearer {token}"} if token else {}
    payload = {"query": query, "variables": variables or {}}
    response = await client.post("/graphql", json=payload, headers=headers)
    return response.status_code, response.json()


def assert_sane(status: int, body: dict[str, Any], query: str) -> list[str]:
    """Checks one answer and returns the codes of its errors."""
    assert status in {200, 400}, (status, body, query)
    assert set(body) <= {"data", "errors", "extensions"}, (body, query)
    errors = body.get("errors") or []
    if not errors:
        assert status == 200, (status, body, query)
        assert isinstance(body.get("data"), dict), (body, query)
    codes = [(error.get("extensions") or {}).get("code") for error in errors]
    unexpected = [
        error for error, code in zip(errors, codes, strict=True) if code not in CLIENT_CODES
    ]
    assert unexpected == [], f"{query}\n{unexpected}"
    return [str(code) for code in codes]


@FUZZ
@given(query=queries(SDL, custom_scalars=CUSTOM_SCALARS))
async def test_generated_queries_answer_or_fail_with_a_client_error(
    client: httpx.AsyncClient, query: str
) -> None:
    assert_sane(*await post(client, query), query)


@FUZZ
@given(query=queries(SDL, custom_scalars=CUSTOM_SCALARS, mode=Mode.NEGATIVE))
async def test_near_valid_queries_fail_validation_with_a_code(
    client: httpx.AsyncClient, query: str
) -> None:
    status, body = await post(client, query)
    codes = assert_sane(status, body, query)
    assert codes, f"an invalid query was answered: {query}"


@FUZZ
@given(mutation=mutations(SDL, custom_scalars=CUSTOM_SCALARS))
async def test_generated_mutations_of_a_viewer_answer_or_fail_with_a_client_error(
    client: httpx.AsyncClient, settings: Settings, mutation: str
) -> None:
    token = mint(settings, "fuzzer", "fuzzer-handle")
    assert_sane(*await post(client, mutation, token), mutation)


@FUZZ
@given(variables=VARIABLES)
async def test_variables_of_any_json_type_answer_or_fail_with_a_client_error(
    client: httpx.AsyncClient, variables: dict[str, Any]
) -> None:
    assert_sane(*await post(client, VARIABLES_QUERY, variables=variables), str(variables))
