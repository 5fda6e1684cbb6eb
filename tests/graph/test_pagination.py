"""Keyset paging of every connection, through graphql-core and through the planner: page 2
starts right after page 1's cursor, and a cursor serves only the list and order it came from."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any, cast

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, app_client, data, gql, wipe

PAGE = "pageInfo { hasNextPage hasPreviousPage endCursor } edges { cursor node { id } }"

#: one connection of each list the seed fills, as (query with $first and $after, its path)
LISTS: dict[str, tuple[str, tuple[str, ...]]] = {
    "Researcher.works": (
        '{ researcher(id: "gongfan-fang") { works(first: $first, after: $after) { PAGE } } }',
        ("researcher", "works"),
    ),
    "Researcher.coauthors": (
        '{ researcher(id: "gongfan-fang") { coauthors(first: $first, after: $after) { PAGE } } }',
        ("researcher", "coauthors"),
    ),
    "Researcher.coauthorsOfCoauthors": (
        '{ researcher(id: "gongfan-fang") { coauthorsOfCoauthors(first: $first, after: $after) '
        "{ PAGE } } }",
        ("researcher", "coauthorsOfCoauthors"),
    ),
    "Paper.citedBy": (
        '{ paper(id: "arxiv-1904.10167") { citedBy(first: $first, after: $after) { PAGE } } }',
        ("paper", "citedBy"),
    ),
    "Paper.references": (
        '{ paper(id: "cite-a") { references(first: $first, after: $after) { PAGE } } }',
        ("paper", "references"),
    ),
    "Topic.papers": (
        '{ topic(id: "knowledge-amalgamation") { papers(first: $first, after: $after) { PAGE } } }',
        ("topic", "papers"),
    ),
    "Topic.researchers": (
        '{ topic(id: "knowledge-amalgamation") { researchers(first: $first, after: $after) '
        "{ PAGE } } }",
        ("topic", "researchers"),
    ),
    "Institution.members": (
        '{ institution(id: "zhejiang-university") { members(first: $first, after: $after) '
        "{ PAGE } } }",
        ("institution", "members"),
    ),
    "Query.papers": ("{ papers(first: $first, after: $after) { PAGE } }", ("papers",)),
    "Query.researchers": (
        "{ researchers(first: $first, after: $after) { PAGE } }",
        ("researchers",),
    ),
    "Query.topics": ("{ topics(first: $first, after: $after) { PAGE } }", ("topics",)),
    "Query.institutions": (
        "{ institutions(first: $first, after: $after) { PAGE } }",
        ("institutions",),
    ),
}

#: the ids of page 2 (two items) of each list, after the cursor that ends page 1 (one item)
SECOND_PAGES: dict[str, list[str]] = {
    "Institution.members": ["jie-song", "mingli-song"],
    "Paper.citedBy": ["cite-b", "cite-c"],
    "Paper.references": ["arxiv-2112.06253", "arxiv-1912.11006"],
    "Query.institutions": ["zhejiang-university"],
    "Query.papers": ["cite-b", "arxiv-2301.07014"],
    "Query.researchers": ["cite-r", "da-chen"],
    "Query.topics": ["dataset-distillation", "graph-neural-networks"],
    "Researcher.coauthors": ["jie-song", "mingli-song"],
    "Researcher.coauthorsOfCoauthors": ["jie-song", "mingli-song"],
    "Researcher.works": ["arxiv-2205.07523", "arxiv-2112.06253"],
    "Topic.papers": ["arxiv-1905.11569", "arxiv-1811.02796"],
    "Topic.researchers": ["xinchao-wang", "jie-song"],
}


#: the cursor ending page 1 (one work) of Gongfan Fang's works: its binding (8 characters of a
#: hash of the list, order, filter and researcher), then the sort key [-year, 0, title, id, edge]
#: (edge '': a work is listed once), as JSON in URL-safe base64 without padding
WORKS_CURSOR = (
    "WyJNbS11SW8zTSIsLTIwMjIsMCwiRmVkZXJhdGVkIFNlbGVjdGl2ZSBBZ2dyZWdhdGlvbiBmb3IgS25vd2xlZGdlIEFt"
    "YWxnYW1hdGlvbiIsImFyeGl2LTIyMDcuMTMzMDkiLCIiXQ"
)


def _query(name: str) -> str:
    text, _ = LISTS[name]
    return "query($first: Int, $after: String) " + text.replace("PAGE", PAGE)


async def _page(
    http: httpx.AsyncClient, name: str, after: str | None, first: int = 2
) -> dict[str, Any]:
    found: Any = await data(http, _query(name), {"first": first, "after": after})
    for step in LISTS[name][1]:
        found = found[step]
    return cast(dict[str, Any], found)


@pytest.fixture(scope="module")
async def graph(db: Database) -> Database:
    """The seed, and three papers citing its "Student Becoming the Master" (1904.10167), the
    newest of them four more of its works."""
    await wipe(db)
    await load_seed(db)
    cited = ["arxiv-1904.10167", "arxiv-2112.06253", "arxiv-2205.07523", "arxiv-1912.11006"]
    await Loader(db).load(
        Records(
            [
                Researcher("cite-r", "Cite Author"),
                Paper("cite-a", "Alpha", year=2023, authors=["cite-r"], references=cited),
                Paper("cite-b", "Beta", year=2023, authors=["cite-r"], references=cited[:1]),
                Paper("cite-c", "Gamma", year=2021, authors=["cite-r"], references=cited[:1]),
            ]
        )
    )
    return db


@pytest.fixture(params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings, graph: Database
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        yield client


@pytest.mark.parametrize("name", sorted(LISTS))
async def test_page_two_starts_right_after_the_cursor(http: httpx.AsyncClient, name: str) -> None:
    first = await _page(http, name, None, first=1)
    second = await _page(http, name, first["pageInfo"]["endCursor"])
    assert first["edges"][-1]["cursor"] == first["pageInfo"]["endCursor"]
    assert (first["pageInfo"]["hasPreviousPage"], second["pageInfo"]["hasPreviousPage"]) == (
        False,
        True,
    )
    assert [edge["node"]["id"] for edge in second["edges"]] == SECOND_PAGES[name]


async def test_a_cursor_is_the_bound_sort_key(http: httpx.AsyncClient) -> None:
    first = await _page(http, "Researcher.works", None, first=1)
    assert first["pageInfo"]["endCursor"] == WORKS_CURSOR
    second = await _page(http, "Researcher.works", WORKS_CURSOR, first=1)
    assert [edge["node"]["id"] for edge in second["edges"]] == ["arxiv-2205.07523"]


@pytest.mark.parametrize(
    ("source", "target"),
    [
        ("Query.papers", "Researcher.works"),
        ("Paper.references", "Paper.citedBy"),
        ("Researcher.coauthors", "Topic.researchers"),
        ("Query.researchers", "Institution.members"),
    ],
)
async def test_a_cursor_of_another_list_is_refused(
    http: httpx.AsyncClient, source: str, target: str
) -> None:
    cursor = (await _page(http, source, None))["pageInfo"]["endCursor"]
    body = await gql(http, _query(target), {"first": 2, "after": cursor})
    assert [(error["message"], error["extensions"]) for error in body["errors"]] == [
        (
            "after is a cursor of another list: it was given out for another parent, list, "
            "order or filter than this field's",
            {"code": "BAD_USER_INPUT", "argument": "after"},
        )
    ]
