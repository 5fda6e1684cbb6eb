"""Backward paging and cursor binding over the seed, through the planner and graphql-core:
`last`/`before` page from the end, `after` and `before` together give the window between two
cursors, `hasPreviousPage`/`hasNextPage` say whether edges precede or follow the page, and a
cursor serves only the list of the parent, order and filter it was given out for."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from bzpeer_graphql.settings import Settings
from tests.helpers import app_client, data, gql

pytestmark = pytest.mark.usefixtures("seeded")

#: Gongfan Fang's works, newest first (the default order), then by title: 1912.11006 and
#: 2007.05441 are both of 2020, "Data-Free ..." before "Impression ..."
WORKS = [
    "arxiv-2207.13309",
    "arxiv-2205.07523",
    "arxiv-2112.06253",
    "arxiv-1912.11006",
    "arxiv-2007.05441",
]
WORKS_PAGE = """query($first: Int, $after: String, $last: Int, $before: String) {
  researcher(id: "gongfan-fang") { name
    works(first: $first, after: $after, last: $last, before: $before) { totalCount
      pageInfo { hasPreviousPage hasNextPage startCursor endCursor }
      edges { cursor node { id } } } } }"""


@pytest.fixture(params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        yield client


async def _works(http: httpx.AsyncClient, **arguments: Any) -> tuple[list[str], bool, bool]:
    """The ids of a page of the works, and whether edges precede and follow it."""
    works = (await data(http, WORKS_PAGE, arguments))["researcher"]["works"]
    assert works["totalCount"] == 5
    info = works["pageInfo"]
    return [e["node"]["id"] for e in works["edges"]], info["hasPreviousPage"], info["hasNextPage"]


async def _cursors(http: httpx.AsyncClient) -> list[str]:
    works = (await data(http, WORKS_PAGE, {"first": 5}))["researcher"]["works"]
    return [edge["cursor"] for edge in works["edges"]]


async def test_last_pages_backward_from_the_end(http: httpx.AsyncClient) -> None:
    pages = []
    before = None
    for _ in range(3):
        found = (await data(http, WORKS_PAGE, {"last": 2, "before": before}))["researcher"]
        works = found["works"]
        pages.append(
            (
                [e["node"]["id"] for e in works["edges"]],
                works["pageInfo"]["hasPreviousPage"],
                works["pageInfo"]["hasNextPage"],
            )
        )
        before = works["pageInfo"]["startCursor"]
    assert pages == [
        (WORKS[3:], True, False),
        (WORKS[1:3], True, True),
        (WORKS[:1], False, True),
    ]


async def test_after_and_before_give_the_window_between_two_cursors(
    http: httpx.AsyncClient,
) -> None:
    cursors = await _cursors(http)
    window = {"after": cursors[0], "before": cursors[4]}
    assert await _works(http, first=2, **window) == (WORKS[1:3], True, True)
    assert await _works(http, last=2, **window) == (WORKS[2:4], True, True)
    # the whole window: edges still follow it (the one `before` names) and precede it
    assert await _works(http, first=10, **window) == (WORKS[1:4], True, True)
    assert await _works(http, last=0, before=cursors[1]) == ([], True, True)
    assert await _works(http, first=2, after=cursors[2]) == (WORKS[3:], True, False)
    assert await _works(http, last=2, before=cursors[2]) == (WORKS[:2], False, True)


async def test_first_and_last_together_refuse_the_list_and_keep_the_researcher(
    http: httpx.AsyncClient,
) -> None:
    body = await gql(http, WORKS_PAGE, {"first": 2, "last": 2})
    assert body["data"] == {"researcher": {"name": "Gongfan Fang", "works": None}}
    assert [(e["message"], e["path"], e["extensions"]) for e in body["errors"]] == [
        (
            "first and last cannot be given together: page forward with first/after or "
            "backward with last/before",
            ["researcher", "works"],
            {"code": "BAD_USER_INPUT", "argument": "last"},
        )
    ]


FOREIGN = (
    "{} is a cursor of another list: it was given out for another parent, list, order or "
    "filter than this field's"
)


async def test_a_cursor_serves_only_the_coauthors_of_its_researcher(
    http: httpx.AsyncClient,
) -> None:
    own = await data(
        http, '{ researcher(id: "jie-song") { coauthors(first: 1) { pageInfo { endCursor } } } }'
    )
    cursor = own["researcher"]["coauthors"]["pageInfo"]["endCursor"]
    # one field, three parents: only Jie Song's list takes his cursor (his first coauthor is
    # Mingli Song, 8 shared works, then Xinchao Wang, 8, by name)
    body = await gql(
        http,
        """query($c: String) { researcher(id: "gongfan-fang") { coauthors(first: 3) { edges {
          node { id coauthors(first: 1, after: $c) { edges { node { id } } } } } } } }""",
        {"c": cursor},
    )
    edges = body["data"]["researcher"]["coauthors"]["edges"]
    assert [(e["node"]["id"], e["node"]["coauthors"]) for e in edges] == [
        ("xinchao-wang", None),
        ("jie-song", {"edges": [{"node": {"id": "xinchao-wang"}}]}),
        ("mingli-song", None),
    ]
    assert sorted(
        (e["path"][3], e["message"], e["extensions"]["code"]) for e in body["errors"]
    ) == [
        (0, FOREIGN.format("after"), "BAD_USER_INPUT"),
        (2, FOREIGN.format("after"), "BAD_USER_INPUT"),
    ]


@pytest.mark.parametrize(
    "other",
    [
        'researcher(id: "xinchao-wang") { name works(ARGS)',
        'researcher(id: "gongfan-fang") { name works(orderBy: YEAR_ASC, ARGS)',
        'researcher(id: "gongfan-fang") { name works(filter: {yearFrom: 2020}, ARGS)',
        'researcher(id: "gongfan-fang") { name coauthors(ARGS)',
    ],
    ids=["another-researcher", "another-order", "another-filter", "another-list"],
)
async def test_a_works_cursor_elsewhere_refuses_that_list_only(
    http: httpx.AsyncClient, other: str
) -> None:
    cursor = (await _cursors(http))[1]
    for argument in ("after", "before"):
        selection = other.replace("ARGS", f"first: 1, {argument}: $c")
        body = await gql(
            http, f"query($c: String) {{ {selection} {{ totalCount }} }} }}", {"c": cursor}
        )
        (researcher,) = body["data"].values()
        assert researcher["name"] in {"Gongfan Fang", "Xinchao Wang"}
        assert None in researcher.values()
        assert [(e["message"], e["extensions"]) for e in body["errors"]] == [
            (FOREIGN.format(argument), {"code": "BAD_USER_INPUT", "argument": argument})
        ]
