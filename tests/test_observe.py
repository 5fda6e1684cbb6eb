"""What operators see: /metrics in Prometheus format and one JSON log line per request."""

from __future__ import annotations

import io
import json
import logging
from collections.abc import Iterator

import httpx
import pytest
from prometheus_client.parser import text_string_to_metric_families

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.observe import JsonFormatter
from tests.helpers import app_client

PROFILE = """{ researcher(id: "gongfan-fang") { name
  works(first: 20) { edges { node { authors { name } } } } } }"""
TOO_COSTLY = """{ papers(first: 100) { edges { node { authors {
  works(first: 100) { edges { node { title } } } } } } } }"""


def samples(text: str) -> dict[tuple[str, tuple[tuple[str, str], ...]], float]:
    """(sample name, sorted labels) -> value of a Prometheus exposition."""
    found = {}
    for family in text_string_to_metric_families(text):
        for sample in family.samples:
            found[(sample.name, tuple(sorted(sample.labels.items())))] = sample.value
    return found


async def test_metrics_count_requests_errors_round_trips_and_batches(
    settings: Settings, seeded: Database
) -> None:
    async with app_client(settings) as http:
        for _ in range(2):
            assert "errors" not in (await http.post("/graphql", json={"query": PROFILE})).json()
        await http.post("/graphql", json={"query": TOO_COSTLY})
        await http.post("/graphql", content=b"{", headers={"content-type": "application/json"})
        exposition = await http.get("/metrics")
    assert exposition.headers["content-type"].startswith("text/plain; version=0.0.4")
    seen = samples(exposition.text)
    graphql_200 = ("bzpeer_http_requests_total", (("path", "/graphql"), ("status", "200")))
    assert seen[graphql_200] == 3
    assert seen[("bzpeer_http_requests_total", (("path", "/graphql"), ("status", "400")))] == 1
    assert seen[("bzpeer_graphql_errors_total", (("code", "QUERY_TOO_COSTLY"),))] == 1
    assert seen[("bzpeer_graphql_errors_total", (("code", "INVALID_JSON"),))] == 1
    latency = ("bzpeer_http_request_duration_seconds_count", (("path", "/graphql"),))
    assert seen[latency] == 4
    # the profile: the researcher, its works and their authors in 1 round trip, twice; the
    # refused one: 0
    assert seen[("bzpeer_cypher_round_trips_count", ())] == 3
    assert seen[("bzpeer_cypher_round_trips_sum", ())] == 2
    authors = ("bzpeer_loader_batch_keys_sum", (("query", "paper_authors"),))
    assert seen[authors] == 10  # two batches of his five works
    assert seen[("bzpeer_loader_batch_keys_count", (("query", "paper_authors"),))] == 2


@pytest.fixture
def json_log() -> Iterator[io.StringIO]:
    """The lines of the `bzpeer_graphql` loggers, formatted as `serve` formats them."""
    stream = io.StringIO()
    handler = logging.StreamHandler(stream)
    handler.setFormatter(JsonFormatter())
    logger = logging.getLogger("bzpeer_graphql")
    logger.addHandler(handler)
    level = logger.level
    logger.setLevel(logging.INFO)
    yield stream
    logger.removeHandler(handler)
    logger.setLevel(level)


async def test_each_request_logs_one_json_line_with_its_id(
    client: httpx.AsyncClient, seeded: Database, json_log: io.StringIO
) -> None:
    answer = await client.post(
        "/graphql",
        json={"query": "query Profile " + PROFILE},
        headers={"x-request-id": "client-trace-42"},
    )
    refused = await client.post("/graphql", json={"query": TOO_COSTLY})
    lines = [json.loads(line) for line in json_log.getvalue().splitlines()]
    access = [line for line in lines if line["logger"] == "bzpeer_graphql.access"]
    assert len(access) == 2
    first, second = access
    assert first["requestId"] == answer.headers["x-request-id"] == "client-trace-42"
    assert first["message"] == "POST /graphql 200"
    assert (first["operations"], first["codes"], first["cypherQueries"]) == (["Profile"], [], 1)
    assert first["level"] == "info"
    assert isinstance(first["ms"], float)
    assert second["requestId"] == refused.headers["x-request-id"]
    assert (second["operations"], second["codes"]) == (["anonymous"], ["QUERY_TOO_COSTLY"])
