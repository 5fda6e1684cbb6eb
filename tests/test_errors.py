"""Error codes given by `errors.coded`, through the real app."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import gql

pytestmark = pytest.mark.usefixtures("seeded")

PAPERS = "query($first: Int) { papers(first: $first) { totalCount } }"


@pytest.mark.parametrize(
    ("query", "variables", "message"),
    [
        (
            PAPERS,
            {"first": "x"},
            "Variable '$first' has invalid value: Int cannot represent non-integer value: \"x\"",
        ),
        (
            PAPERS,
            {"first": 2.5},
            "Variable '$first' has invalid value: Int cannot represent non-integer value: 2.5",
        ),
        (
            "query($first: Int!) { papers(first: $first) { totalCount } }",
            {},
            "Variable '$first' has invalid value: Expected a value of non-null type 'Int!' "
            "to be provided.",
        ),
    ],
)
async def test_a_variable_of_the_wrong_type_is_bad_user_input(
    client: httpx.AsyncClient, query: str, variables: dict[str, object], message: str
) -> None:
    # graphql-core wraps these in an error with an original error, which was masked as
    # INTERNAL_SERVER_ERROR and logged as unexpected
    body = await gql(client, query, variables)
    assert body["data"] is None
    assert [(e["message"], e["extensions"]) for e in body["errors"]] == [
        (message, {"code": "BAD_USER_INPUT"})
    ]


async def test_null_for_an_argument_with_a_default_is_bad_user_input(
    client: httpx.AsyncClient,
) -> None:
    # `orderBy: WorkOrder! = YEAR_DESC` takes a nullable variable, so null only fails when it runs
    query = "query($order: WorkOrder) { papers(orderBy: $order) { totalCount } }"
    body = await gql(client, query, {"order": None})
    assert body["data"] == {"papers": None}
    assert [(e["message"], e["path"], e["extensions"]) for e in body["errors"]] == [
        (
            "Argument 'orderBy' has invalid value: Expected variable '$order' provided to "
            "non-null type 'WorkOrder!' not to be null.",
            ["papers"],
            {"code": "BAD_USER_INPUT"},
        )
    ]


@pytest.mark.parametrize(
    ("value", "message"),
    [
        (
            {"a": 1, "b": [True, None]},
            "Variable '$id' has invalid value: ID cannot represent value: {a: 1, b: [true, null]}",
        ),
        (
            None,
            "Variable '$id' has invalid value: Expected value of non-null type 'ID!' not to be "
            "null.",
        ),
        (1.5, "Variable '$id' has invalid value: ID cannot represent value: 1.5"),
    ],
)
async def test_coercion_messages_quote_values_as_graphql_writes_them(
    client: httpx.AsyncClient, value: object, message: str
) -> None:
    body = await gql(client, "query($id: ID!) { researcher(id: $id) { name } }", {"id": value})
    assert [(e["message"], e["extensions"]["code"]) for e in body["errors"]] == [
        (message, "BAD_USER_INPUT")
    ]
