"""Filters that cannot mean anything are refused instead of answering zero; work types are an
enum; year series cover the window asked for, and breakdowns every type asked for, with zeros."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph.work_type import WorkType, work_type
from bzpeer_graphql.ingest import synthetic
from bzpeer_graphql.ingest.vocabulary import work_type as mapped_type
from bzpeer_graphql.settings import Settings
from tests.helpers import app_client, data, gql

PAPERS = "query($f: WorkFilter) { papers(filter: $f) { totalCount } }"
WORKS = """query($f: WorkFilter) { researcher(id: "gongfan-fang") {
  works(filter: $f) { totalCount } } }"""
STATS = "query($f: WorkFilter) { paperStats(filter: $f) { count } }"
RESEARCHERS = "query($f: ResearcherFilter) { researchers(filter: $f) { totalCount } }"


@pytest.fixture(scope="module", params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings, seeded: Database
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        yield client


def _refusal(body: dict[str, Any]) -> list[tuple[str, dict[str, Any]]]:
    return [(error["message"], error["extensions"]) for error in body["errors"]]


@pytest.mark.parametrize("query", [PAPERS, WORKS, STATS], ids=["papers", "works", "paperStats"])
@pytest.mark.parametrize(
    ("field", "kind"),
    [
        ("author", "researcher"),
        ("topic", "topic"),
        ("institution", "institution"),
        ("authorEverAffiliatedWith", "institution"),
    ],
)
async def test_a_work_filter_naming_nothing_is_bad_user_input(
    http: httpx.AsyncClient, query: str, field: str, kind: str
) -> None:
    body = await gql(http, query, {"f": {field: "no-such-id"}})
    assert _refusal(body) == [
        (
            f"filter.{field} names no {kind}: 'no-such-id'",
            {
                "code": "BAD_USER_INPUT",
                "argument": f"filter.{field}",
                "unknown": [f"filter.{field}"],
            },
        )
    ]


async def test_every_unknown_id_of_a_filter_is_listed(http: httpx.AsyncClient) -> None:
    body = await gql(
        http, PAPERS, {"f": {"topic": "nope", "institution": "nope", "author": "gongfan-fang"}}
    )
    assert [e["extensions"]["unknown"] for e in body["errors"]] == [
        ["filter.topic", "filter.institution"]
    ]


@pytest.mark.parametrize(("field", "kind"), [("institution", "institution"), ("topic", "topic")])
async def test_a_researcher_filter_naming_nothing_is_bad_user_input(
    http: httpx.AsyncClient, field: str, kind: str
) -> None:
    body = await gql(http, RESEARCHERS, {"f": {field: "no-such-id"}})
    assert [(m, e["code"]) for m, e in _refusal(body)] == [
        (f"filter.{field} names no {kind}: 'no-such-id'", "BAD_USER_INPUT")
    ]


async def test_known_ids_still_count(http: httpx.AsyncClient) -> None:
    found = await data(http, PAPERS, {"f": {"institution": "zhejiang-university"}})
    assert found["papers"]["totalCount"] == 15
    found = await data(http, RESEARCHERS, {"f": {"institution": "zhejiang-university"}})
    assert found["researchers"]["totalCount"] == 6


@pytest.mark.parametrize("query", [PAPERS, WORKS, STATS], ids=["papers", "works", "paperStats"])
async def test_a_window_ending_before_it_begins_is_bad_user_input(
    http: httpx.AsyncClient, query: str
) -> None:
    body = await gql(http, query, {"f": {"yearFrom": 2020, "yearTo": 2010}})
    assert _refusal(body) == [
        (
            "filter.yearFrom (2020) is after filter.yearTo (2010): no year is in between",
            {"code": "BAD_USER_INPUT", "argument": "filter.yearFrom"},
        )
    ]


async def test_a_year_out_of_range_is_bad_user_input(http: httpx.AsyncClient) -> None:
    body = await gql(http, STATS, {"f": {"yearFrom": -2147483648}})
    assert _refusal(body) == [
        (
            "filter.yearFrom must be a year from 0 to 9999 (got -2147483648)",
            {"code": "BAD_USER_INPUT", "argument": "filter.yearFrom"},
        )
    ]
    per_year = """{ researcher(id: "gongfan-fang") { worksPerYear(yearFrom: 2023, yearTo: 2020) {
      year } } }"""
    assert [e["extensions"]["code"] for e in (await gql(http, per_year))["errors"]] == [
        "BAD_USER_INPUT"
    ]


async def test_a_type_is_one_of_the_enum(http: httpx.AsyncClient) -> None:
    literal = await gql(http, '{ papers(filter: {type: "Article"}) { totalCount } }')
    assert [e["extensions"]["code"] for e in literal["errors"]] == ["GRAPHQL_VALIDATION_FAILED"]
    variable = await gql(http, PAPERS, {"f": {"type": "journal-article"}})
    assert [e["extensions"]["code"] for e in variable["errors"]] == ["BAD_USER_INPUT"]
    found = await data(http, PAPERS, {"f": {"type": "ARTICLE"}})
    assert found["papers"]["totalCount"] == 11


def test_every_type_the_sources_write_is_in_the_enum() -> None:
    known = {kind.value for kind in WorkType}
    crossref = [
        "journal-article",
        "proceedings-article",
        "posted-content",
        "book-part",
        "monograph",
        "report-series",
        "journal-issue",
        "component",
        "dissertation",
    ]
    assert {mapped_type(name) for name in crossref} <= known
    assert {kind for kind, _ in synthetic._TYPES} <= known
    assert {"article", "preprint"} <= known  # the seed's
    assert (work_type("article"), work_type("made-up"), work_type(None)) == (
        "article",
        "other",
        None,
    )


async def test_year_series_cover_the_window_asked_for_with_zeros(
    http: httpx.AsyncClient,
) -> None:
    found = await data(
        http,
        """{ paperStats(filter: {yearFrom: 2017, yearTo: 2024, author: "gongfan-fang"}) {
               count byYear { year count } }
             researcher(id: "gongfan-fang") {
               window: worksPerYear(yearFrom: 2019, yearTo: 2023) { year count }
               from: worksPerYear(yearFrom: 2018) { year count }
               empty: worksPerYear(yearFrom: 2010, yearTo: 2012) { year count } } }""",
    )
    stats = found["paperStats"]
    assert stats["count"] == 5
    assert [(y["year"], y["count"]) for y in stats["byYear"]] == [
        (2017, 0),
        (2018, 0),
        (2019, 0),
        (2020, 2),
        (2021, 0),
        (2022, 3),
        (2023, 0),
        (2024, 0),
    ]
    researcher = found["researcher"]
    assert [(y["year"], y["count"]) for y in researcher["window"]] == [
        (2019, 0),
        (2020, 2),
        (2021, 0),
        (2022, 3),
        (2023, 0),
    ]
    assert [y["year"] for y in researcher["from"]] == [2018, 2019, 2020, 2021, 2022]
    assert researcher["empty"] == [
        {"year": 2010, "count": 0},
        {"year": 2011, "count": 0},
        {"year": 2012, "count": 0},
    ]


async def test_by_type_lists_every_type_asked_for_with_zeros(http: httpx.AsyncClient) -> None:
    found = await data(
        http,
        """{ all: paperStats { byType(types: [DATASET, PREPRINT, ARTICLE]) { type count } }
             datasets: paperStats(filter: {type: DATASET}) { count byType { type count } } }""",
    )
    assert found["all"]["byType"] == [
        {"type": "DATASET", "count": 0},
        {"type": "PREPRINT", "count": 6},
        {"type": "ARTICLE", "count": 11},
    ]
    assert found["datasets"] == {"count": 0, "byType": [{"type": "DATASET", "count": 0}]}
