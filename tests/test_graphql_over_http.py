"""GraphQL over HTTP: application/graphql-response+json when the client asks for it (400 and no
`data` for request errors), application/json as before, and graphql-http's server audits."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import httpx

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.media import prefers_graphql_response
from tests.helpers import app_client
from tests.test_clients import run_client

#: what Apollo Client sends
APOLLO_ACCEPT = "application/graphql-response+json,application/json;q=0.9"
GRAPHQL_RESPONSE = "application/graphql-response+json; charset=utf-8"
PARSE_ERROR = {
    "message": "Syntax Error: Expected Name, found <EOF>.",
    "locations": [{"line": 1, "column": 2}],
    "extensions": {"code": "GRAPHQL_PARSE_FAILED"},
}


def test_the_accept_header_chooses_the_media_type() -> None:
    chosen = {
        accept: prefers_graphql_response(accept)
        for accept in (
            None,
            "*/*",
            "application/json",
            "application/graphql-response+json",
            APOLLO_ACCEPT,
            "application/json, application/graphql-response+json;q=0.5",
            "application/graphql-response+json;q=0",
        )
    }
    assert chosen == {
        None: False,
        "*/*": False,
        "application/json": False,
        "application/graphql-response+json": True,
        APOLLO_ACCEPT: True,
        "application/json, application/graphql-response+json;q=0.5": False,
        "application/graphql-response+json;q=0": False,
    }


async def post(http: httpx.AsyncClient, body: Any, accept: str | None) -> httpx.Response:
    headers = {"accept": accept} if accept else {}
    return await http.post("/graphql", json=body, headers=headers)


async def test_request_errors_are_400_without_data(settings: Settings, seeded: Database) -> None:
    async with app_client(settings) as http:
        parse = await post(http, {"query": "{"}, APOLLO_ACCEPT)
        assert (parse.status_code, parse.headers["content-type"]) == (400, GRAPHQL_RESPONSE)
        assert parse.json() == {"errors": [PARSE_ERROR]}
        invalid = await post(http, {"query": "{ xyzzy }"}, APOLLO_ACCEPT)
        assert invalid.status_code == 400
        assert invalid.json() == {
            "errors": [
                {
                    "message": "Cannot query field 'xyzzy' on type 'Query'.",
                    "locations": [{"line": 1, "column": 3}],
                    "extensions": {"code": "GRAPHQL_VALIDATION_FAILED"},
                }
            ]
        }
        coercion = {
            "query": "query ($id: ID!) { researcher(id: $id) { name } }",
            "variables": {"id": None},
        }
        coerced = await post(http, coercion, APOLLO_ACCEPT)
        assert coerced.status_code == 400
        assert "data" not in coerced.json()
        assert [e["extensions"]["code"] for e in coerced.json()["errors"]] == ["BAD_USER_INPUT"]


async def test_answers_keep_their_data_and_200(settings: Settings, seeded: Database) -> None:
    async with app_client(settings) as http:
        name = await post(http, {"query": '{ researcher(id: "gongfan-fang") { name } }'}, None)
        wanted = await post(
            http, {"query": '{ researcher(id: "gongfan-fang") { name } }'}, APOLLO_ACCEPT
        )
        assert (wanted.status_code, wanted.headers["content-type"]) == (200, GRAPHQL_RESPONSE)
        assert wanted.content == name.content == b'{"data":{"researcher":{"name":"Gongfan Fang"}}}'
        # a field error: execution ran, so the data entry and 200 stay
        field_error = await post(
            http,
            {"query": '{ researcher(id: "gongfan-fang") { works(first: -1) { totalCount } } }'},
            APOLLO_ACCEPT,
        )
        assert field_error.status_code == 200
        assert field_error.json()["data"] == {"researcher": {"works": None}}
        assert field_error.json()["errors"][0]["path"] == ["researcher", "works"]
        # a batch: each request error loses its data entry, the others run
        batch = await post(http, [{"query": "{"}, {"query": "{ __typename }"}], APOLLO_ACCEPT)
        assert batch.status_code == 200
        assert batch.json() == [{"errors": [PARSE_ERROR]}, {"data": {"__typename": "Query"}}]
        # a refusal keeps its status and headers
        refused = await http.post(
            "/graphql",
            content=b"{",
            headers={"accept": APOLLO_ACCEPT, "content-type": "text/plain"},
        )
        assert refused.status_code == 415
        assert refused.headers["content-type"] == GRAPHQL_RESPONSE
        assert "data" not in refused.json()


async def test_application_json_stays_as_it_was(settings: Settings, seeded: Database) -> None:
    async with app_client(settings) as http:
        for accept in (None, "*/*", "application/json"):
            parse = await post(http, {"query": "{"}, accept)
            assert (parse.status_code, parse.headers["content-type"]) == (200, "application/json")
            assert parse.json() == {"data": None, "errors": [PARSE_ERROR]}


def test_graphql_http_server_audits_pass_every_must_and_should(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    audit = run_client(["audit.mjs"], "graphql-http", tmp_path, connection)
    lines = [json.loads(line) for line in audit.stdout.splitlines()]
    results = {line["id"]: line for line in lines if "id" in line}
    failed = [r for r in results.values() if r["status"] in ("error", "warn")]
    assert failed == [], failed
    assert lines[-1] == {"failedMustOrShould": 0}
    assert audit.returncode == 0, audit.stderr
    # the audits that used to fail: application/graphql-response+json and its status codes
    for was_failing in ("22EB", "865D", "556A", "D586", "51FE", "74FF", "5E5B", "86EE"):
        assert results[was_failing]["status"] == "ok"
    assert len(results) >= 40  # the whole list ran
