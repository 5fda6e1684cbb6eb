"""Careless requests get the right HTTP status and a coded GraphQL error body, never a stack
trace; unexpected failures are masked with a request id and logged in full under it."""

from __future__ import annotations

import json
import logging
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph import explore

PROFILE = '{ researcher(id: "gongfan-fang") { name } }'


def refusal(answer: httpx.Response) -> dict[str, Any]:
    """The one coded error of a request refused before it ran."""
    body = answer.json()
    assert body["data"] is None
    [error] = body["errors"]
    assert "Traceback" not in answer.text
    result: dict[str, Any] = error
    return result


async def test_malformed_json_is_400(client: httpx.AsyncClient) -> None:
    answer = await client.post(
        "/graphql", content=b'{"query": "{ graphStats', headers={"content-type": "application/json"}
    )
    assert answer.status_code == 400
    assert refusal(answer) == {
        "message": "malformed JSON in the request (Unterminated string starting at, character 10)",
        "extensions": {"code": "INVALID_JSON"},
    }
    variables = await client.get("/graphql", params={"query": PROFILE, "variables": "{oops"})
    assert variables.status_code == 400
    assert refusal(variables)["extensions"] == {"code": "INVALID_JSON"}


async def test_a_body_that_is_not_json_is_415(client: httpx.AsyncClient) -> None:
    answer = await client.post(
        "/graphql", content=PROFILE.encode(), headers={"content-type": "text/plain"}
    )
    assert answer.status_code == 415
    assert refusal(answer) == {
        "message": "send the request as application/json, not text/plain",
        "extensions": {"code": "UNSUPPORTED_MEDIA_TYPE"},
    }


async def test_a_mutation_over_get_is_405(client: httpx.AsyncClient) -> None:
    mutation = 'mutation { followResearcher(id: "gongfan-fang") { researcher { id } } }'
    answer = await client.get("/graphql", params={"query": mutation})
    assert answer.status_code == 405
    assert answer.headers["allow"] == "POST"
    error = refusal(answer)
    assert error["extensions"] == {"code": "METHOD_NOT_ALLOWED"}
    assert "mutations are not allowed when using GET" in error["message"]


async def test_other_methods_are_405(client: httpx.AsyncClient) -> None:
    answer = await client.put("/graphql", json={"query": PROFILE})
    assert answer.status_code == 405
    assert refusal(answer)["extensions"] == {"code": "METHOD_NOT_ALLOWED"}


async def test_an_unknown_operation_name_is_400(client: httpx.AsyncClient) -> None:
    document = "query A { graphStats { papers } } query B { graphStats { topics } }"
    answer = await client.post("/graphql", json={"query": document, "operationName": "C"})
    assert answer.status_code == 400
    assert refusal(answer) == {
        "message": 'Unknown operation named "C".',
        "extensions": {"code": "UNKNOWN_OPERATION"},
    }
    missing = await client.post("/graphql", json={"variables": {}})
    assert missing.status_code == 400
    assert refusal(missing)["extensions"] == {"code": "BAD_REQUEST"}


async def test_syntax_and_validation_errors_are_coded(client: httpx.AsyncClient) -> None:
    syntax = await client.post("/graphql", json={"query": "{ graphStats { papers }"})
    assert syntax.status_code == 200
    assert refusal(syntax)["extensions"] == {"code": "GRAPHQL_PARSE_FAILED"}
    unknown = await client.post("/graphql", json={"query": "{ graphStats { pages } }"})
    assert refusal(unknown)["extensions"] == {"code": "GRAPHQL_VALIDATION_FAILED"}


async def test_unexpected_errors_are_masked_and_logged_with_the_request_id(
    client: httpx.AsyncClient,
    seeded: Database,
    monkeypatch: pytest.MonkeyPatch,
    caplog: pytest.LogCaptureFixture,
) -> None:
    def broken(**fields: int) -> None:
        raise RuntimeError("secret detail of a bug")

    monkeypatch.setattr(explore, "GraphStats", broken)
    with caplog.at_level(logging.ERROR, logger="bzpeer_graphql.errors"):
        answer = await client.post("/graphql", json={"query": "{ graphStats { papers } }"})
    assert answer.status_code == 200
    [error] = answer.json()["errors"]
    request_id = answer.headers["x-request-id"]
    assert error["message"] == "internal error"
    assert error["extensions"] == {"code": "INTERNAL_SERVER_ERROR", "requestId": request_id}
    assert "secret detail" not in answer.text
    [logged] = [r for r in caplog.records if request_id in r.getMessage()]
    assert logged.exc_info is not None
    assert "secret detail of a bug" in str(logged.exc_info[1])


async def test_a_request_keeps_a_sane_incoming_request_id(client: httpx.AsyncClient) -> None:
    mine = await client.get("/healthz", headers={"x-request-id": "trace-0123456789"})
    assert mine.headers["x-request-id"] == "trace-0123456789"
    hostile = await client.get("/healthz", headers={"x-request-id": "<script>" * 3})
    assert len(hostile.headers["x-request-id"]) == 32
    assert hostile.headers["x-request-id"] != mine.headers["x-request-id"]
    assert json.loads(hostile.text) == {"status": "ok"}
