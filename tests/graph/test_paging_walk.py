"""Every connection of the schema pages exactly: walking it to the end with pages of one or two
items gives the edges of one big page, each once, as many as `totalCount` says, over data full of
ties (two stints at one institution, two authorship positions, equal names and titles, missing
names, titles and years); walking it backward with `last`/`before` from the end gives the same
edges, and `hasPreviousPage`/`hasNextPage` say exactly whether edges precede or follow a page."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Affiliation, Institution, Paper, PaperTopic, Researcher
from bzpeer_graphql.ingest.records import Topic as TopicRecord
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, app_client, data, gql, wipe

SCHEMA = Path(__file__).parent.parent.parent / "schema.graphql"
USER = "walk-user"

#: each connection field (`Type.field`) with the lists to walk: (arguments, edge selection)
_NODE = "node { id }"
WALKS: dict[str, list[tuple[str, str]]] = {
    "Institution.members": [
        ('institution(id: "w-i") { members(ARGS)', "node { id } since current"),
        ('institution(id: "w-i") { members(current: false, ARGS)', "node { id } since"),
    ],
    "Paper.references": [('paper(id: "w-p1") { references(ARGS)', _NODE)],
    "Paper.citedBy": [('paper(id: "w-p3") { citedBy(ARGS)', _NODE)],
    "Query.researchers": [
        (f"researchers(orderBy: {order}, ARGS)", _NODE)
        for order in ("NAME_ASC", "WORKS_DESC", "CITATIONS_DESC")
    ]
    + [('researchers(filter: {institution: "w-i"}, ARGS)', _NODE)],
    "Query.papers": [
        (f"papers(orderBy: {order}, ARGS)", _NODE)
        for order in ("YEAR_DESC", "YEAR_ASC", "TITLE_ASC", "CITATIONS_DESC")
    ]
    + [('papers(filter: {author: "w-a"}, ARGS)', _NODE)],
    "Query.topics": [
        (f"topics(orderBy: {order}, ARGS)", _NODE) for order in ("NAME_ASC", "PAPERS_DESC")
    ],
    "Query.institutions": [
        (f"institutions(orderBy: {order}, ARGS)", _NODE) for order in ("NAME_ASC", "MEMBERS_DESC")
    ],
    "Query.duplicateCandidates": [
        ("duplicateCandidates(minScore: 0, ARGS)", "node { researcher { id } candidate { id } }")
    ],
    "Researcher.coauthorsOfCoauthors": [
        ('researcher(id: "w-e") { coauthorsOfCoauthors(ARGS)', _NODE)
    ],
    "Researcher.works": [
        (f'researcher(id: "w-a") {{ works(orderBy: {order}, ARGS)', _NODE)
        for order in ("YEAR_DESC", "YEAR_ASC", "TITLE_ASC", "CITATIONS_DESC")
    ],
    "Researcher.coauthors": [('researcher(id: "w-a") { coauthors(ARGS)', _NODE)],
    "Topic.papers": [('topic(id: "w-t") { papers(ARGS)', _NODE)],
    "Topic.researchers": [('topic(id: "w-t") { researchers(ARGS)', _NODE)],
    "Viewer.follows": [("viewer { follows(ARGS)", _NODE)],
}

CASES = [(name, *walk) for name, walks in sorted(WALKS.items()) for walk in walks]
#: each connection once, backward: its first walk (the default order; the other orders of a list
#: differ in their sort key only, which the forward walks cover)
BACKWARD_CASES = [(name, *walks[0]) for name, walks in sorted(WALKS.items())]


def _query(head: str, edge: str) -> str:
    """The list at `head` with $first and $after, its count, page info and edges."""
    selection = head.replace("ARGS", "first: $first, after: $after")
    closing = "}" * (selection.count("{") - selection.count("}"))
    return (
        f"query($first: Int, $after: String) {{ {selection} {{ totalCount "
        f"pageInfo {{ hasNextPage endCursor }} edges {{ {edge} }} }} {closing} }}"
    )


def _connection(found: Any) -> dict[str, Any]:
    """The one connection in an answer, however deep."""
    while "edges" not in found:
        (found,) = found.values()
    return dict(found)


def test_the_walks_cover_every_connection_of_the_schema() -> None:
    fields = set()
    owner = ""
    for line in SCHEMA.read_text().splitlines():
        if found := re.match(r"(?:type|interface) (\w+)", line):
            owner = found[1]
        elif found := re.match(r"  (\w+)[(:]", line):
            field = found[1]
        if re.search(r"\): \w+Connection!?$|^  \w+: \w+Connection!?$", line):
            fields.add(f"{owner}.{field}")
    assert fields == set(WALKS)


@pytest.fixture(scope="module")
async def ties(db: Database) -> Database:
    """Researchers w-a .. w-f (three named alike, two unnamed), w-a with two stints at w-i and
    two positions on w-p1; w-j with four people; papers with equal titles and years, or none;
    two topics and two institutions named alike."""
    await wipe(db)
    topic = [PaperTopic("w-t", 0.5)]
    records = [
        Institution("w-i", "Walk Institute"),
        Institution("w-j", "Walk Institute"),
        TopicRecord("w-t", "Walk Topic"),
        TopicRecord("w-u", "Walk Topic"),
        Researcher("w-a", "Same Name"),
        Researcher("w-b", "Same Name"),
        Researcher("w-c", None),
        Researcher("w-d", None),
        Researcher("w-e", "Zed"),
        Researcher("w-f", "Same Name"),
        Affiliation("w-a", "w-i", since=2010, until=2012),
        Affiliation("w-a", "w-i", current=True, since=2015),
        Affiliation("w-b", "w-i"),
        Affiliation("w-c", "w-i", since=2011),
        Affiliation("w-d", "w-j", since=2011),
        Affiliation("w-e", "w-j"),
        Affiliation("w-f", "w-j"),
        Affiliation("w-b", "w-j"),
        Paper(
            "w-p1",
            "Same Title",
            year=2020,
            authors=["w-a", "w-b", "w-a"],
            topics=topic,
            references=["w-p3", "w-p4", "w-p5", "w-p2"],
        ),
        Paper(
            "w-p2",
            "Same Title",
            year=2020,
            authors=["w-a", "w-c"],
            topics=topic,
            references=["w-p3"],
        ),
        Paper("w-p3", None, authors=["w-a", "w-d"], topics=topic),
        Paper("w-p4", None, year=2020, authors=["w-a", "w-e"], topics=topic),
        Paper("w-p5", "Same Title", authors=["w-a"], topics=[PaperTopic("w-u", 0.5)]),
        Paper("w-p6", "Same Title", year=2020, authors=["w-b"], references=["w-p3"]),
    ]
    await Loader(db).load(Records(records))
    return db


@pytest.fixture(scope="module", params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings, ties: Database
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        token = mint(settings, USER, "walker")
        client.headers["Authorization"] = f"Bearer {token}"
        for id in ("w-a", "w-b", "w-c", "w-d"):
            follow = "mutation($id: ID!) { followResearcher(id: $id) { researcher { id } } }"
            assert "errors" not in await gql(client, follow, {"id": id})
        yield client


async def _walk(http: httpx.AsyncClient, query: str, first: int) -> tuple[list[Any], int]:
    """Every edge of the list, page by page, and the totalCount of the last page."""
    edges: list[Any] = []
    after = None
    for _ in range(100):
        page = _connection(await data(http, query, {"first": first, "after": after}))
        edges += page["edges"]
        if not page["pageInfo"]["hasNextPage"]:
            return edges, page["totalCount"]
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("the walk did not end in 100 pages")


@pytest.mark.parametrize(("name", "head", "edge"), CASES)
async def test_walking_with_small_pages_gives_every_edge_once(
    http: httpx.AsyncClient, name: str, head: str, edge: str
) -> None:
    query = _query(head, edge)
    whole = _connection(await data(http, query, {"first": 100, "after": None}))
    assert not whole["pageInfo"]["hasNextPage"]
    assert len(whole["edges"]) == whole["totalCount"] > 1
    assert len({repr(e) for e in whole["edges"]}) == len(whole["edges"])
    for first in (1, 2):
        assert await _walk(http, query, first) == (whole["edges"], whole["totalCount"])


def _backward_query(head: str, edge: str) -> str:
    """The list at `head` with $last and $before, its count, page info and edges."""
    selection = head.replace("ARGS", "last: $last, before: $before")
    closing = "}" * (selection.count("{") - selection.count("}"))
    return (
        f"query($last: Int, $before: String) {{ {selection} {{ totalCount "
        f"pageInfo {{ hasPreviousPage hasNextPage startCursor }} edges {{ {edge} }} }} "
        f"{closing} }}"
    )


async def _walk_back(http: httpx.AsyncClient, query: str, last: int) -> tuple[list[Any], int]:
    """Every edge of the list, page by page from the end, and the totalCount of the first page;
    each page says edges follow it exactly when it is not the last page."""
    edges: list[Any] = []
    before = None
    for _ in range(100):
        page = _connection(await data(http, query, {"last": last, "before": before}))
        assert len(page["edges"]) <= last
        assert page["pageInfo"]["hasNextPage"] is (before is not None)
        edges = page["edges"] + edges
        if not page["pageInfo"]["hasPreviousPage"]:
            return edges, page["totalCount"]
        before = page["pageInfo"]["startCursor"]
    raise AssertionError("the walk did not end in 100 pages")


@pytest.mark.parametrize(("name", "head", "edge"), BACKWARD_CASES)
async def test_walking_backward_from_the_end_gives_every_edge_once(
    http: httpx.AsyncClient, name: str, head: str, edge: str
) -> None:
    whole = _connection(await data(http, _query(head, edge), {"first": 100, "after": None}))
    # pages of one: every pair of neighbours meets at a cursor
    assert await _walk_back(http, _backward_query(head, edge), 1) == (
        whole["edges"],
        whole["totalCount"],
    )


async def test_two_stints_are_two_members_and_one_researcher(http: httpx.AsyncClient) -> None:
    found = await data(
        http,
        """{ institution(id: "w-i") { members(first: 10) { totalCount
             edges { node { id } since until current } } }
           researchers(filter: {institution: "w-i"}) { totalCount } }""",
    )
    members = found["institution"]["members"]
    assert members["totalCount"] == 4
    assert sorted(
        (e["node"]["id"], e["since"], e["until"], e["current"]) for e in members["edges"]
    ) == [
        ("w-a", 2010, 2012, False),
        ("w-a", 2015, None, True),
        ("w-b", None, None, False),
        ("w-c", 2011, None, False),
    ]
    assert found["researchers"]["totalCount"] == 3


async def test_institutions_by_members_count_people(http: httpx.AsyncClient) -> None:
    found = await data(http, "{ institutions(orderBy: MEMBERS_DESC) { edges { node { id } } } }")
    # w-i: four stints of three people; w-j: four people
    assert [e["node"]["id"] for e in found["institutions"]["edges"]] == ["w-j", "w-i"]


async def test_a_work_with_two_positions_of_its_author_is_one_work(
    http: httpx.AsyncClient,
) -> None:
    found = await data(
        http,
        """{ researcher(id: "w-a") { counts { works citations }
             works(first: 10) { totalCount edges { node { id } } } }
           paperStats(filter: {author: "w-a"}) { count } }""",
    )
    works = found["researcher"]["works"]
    assert works["totalCount"] == 5
    assert found["researcher"]["counts"] == {"works": 5, "citations": 6}
    assert found["paperStats"]["count"] == 5
    assert [e["node"]["id"] for e in works["edges"]] == ["w-p4", "w-p1", "w-p2", "w-p3", "w-p5"]


async def test_unnamed_researchers_follow_the_named_ones(http: httpx.AsyncClient) -> None:
    found = await data(http, "{ researchers(first: 10) { edges { node { id } } } }")
    assert [e["node"]["id"] for e in found["researchers"]["edges"]] == [
        "w-a",
        "w-b",
        "w-f",
        "w-e",
        "w-c",
        "w-d",
    ]
