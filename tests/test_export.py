"""NDJSON exports of the list roots: every row once across pages, the list's own filter and
errors, the same bearer check as /graphql (seed data)."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.settings import Settings
from tests.graph.test_lists import NEWEST_FIRST
from tests.helpers import app_client


@pytest.fixture(scope="module")
async def http(settings: Settings, seeded: Database) -> AsyncIterator[httpx.AsyncClient]:
    """An app whose pages hold 5 rows, so an export of the seed walks four pages."""
    async with app_client(replace(settings, max_page_size=5, default_page_size=5)) as client:
        yield client


def _rows(response: httpx.Response) -> list[dict[str, object]]:
    assert response.status_code == 200, response.text
    assert response.headers["content-type"] == "application/x-ndjson"
    return [json.loads(line) for line in response.text.splitlines()]


async def test_every_paper_is_exported_once_in_list_order(http: httpx.AsyncClient) -> None:
    rows = _rows(await http.get("/export/papers.ndjson"))
    assert [row["id"] for row in rows] == NEWEST_FIRST
    assert rows[0] == {
        "id": "arxiv-2301.07014",
        "title": "Dataset Distillation: A Comprehensive Review",
        "year": 2023,
        "type": "ARTICLE",
        "venue": "IEEE Transactions on Pattern Analysis and Machine Intelligence",
        "doi": "10.1109/TPAMI.2023.3323376",
        "arxivId": "2301.07014",
        "openAccess": True,
        "citedByCount": 0,
    }


async def test_an_export_takes_the_lists_filter_and_order(http: httpx.AsyncClient) -> None:
    rows = _rows(
        await http.get(
            "/export/papers.ndjson",
            params={
                "filter": json.dumps({"topicAnyOf": ["image-synthesis", "graph-neural-networks"]}),
                "orderBy": "YEAR_ASC",
            },
        )
    )
    # all of 2020, then by title
    assert [row["id"] for row in rows] == [
        "arxiv-2003.10477",
        "arxiv-2010.05421",
        "arxiv-2007.05441",
    ]
    people = _rows(
        await http.get(
            "/export/researchers.ndjson",
            params={"filter": json.dumps({"institution": "zhejiang-university"})},
        )
    )
    assert [row["id"] for row in people] == [
        "haofei-zhang",
        "jie-song",
        "mingli-song",
        "weiming-lu",
        "yongliang-shen",
        "zunlei-feng",
    ]
    assert len(_rows(await http.get("/export/researchers.ndjson"))) == 33


async def test_an_export_refuses_what_the_list_refuses(http: httpx.AsyncClient) -> None:
    unknown = await http.get(
        "/export/papers.ndjson", params={"filter": json.dumps({"topic": "no-such-topic"})}
    )
    assert unknown.status_code == 400
    assert [e["extensions"]["code"] for e in unknown.json()["errors"]] == ["BAD_USER_INPUT"]
    broken = await http.get("/export/papers.ndjson", params={"filter": "{not json"})
    assert (broken.status_code, broken.json()["errors"][0]["extensions"]["code"]) == (
        400,
        "BAD_REQUEST",
    )
    forged = await http.get(
        "/export/papers.ndjson", headers={"Authorization": "Bearer not-a-token"}
    )
    assert (forged.status_code, forged.json()["errors"][0]["extensions"]["code"]) == (
        401,
        "UNAUTHENTICATED",
    )
    nothing = await http.get("/export/topics.ndjson")
    assert nothing.status_code == 404
