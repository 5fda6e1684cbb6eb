"""Filters, orders and keyset paging of the list roots: papers, researchers, topics and
institutions."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.engine.paging import binding, encode_cursor, list_scope
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.loaders.base import CypherLoader
from tests.helpers import Records, data, gql, wipe

NEWEST_FIRST = [
    "arxiv-2301.07014",
    "arxiv-2303.17580",
    "arxiv-2210.16774",
    "arxiv-2207.13309",
    "arxiv-2205.07523",
    "arxiv-2112.06253",
    "arxiv-2003.07496",
    "arxiv-1912.11006",
    "arxiv-2003.10477",
    "arxiv-2010.05421",
    "arxiv-2007.05441",
    "arxiv-2010.07210",
    "arxiv-1905.11569",
    "arxiv-1811.02796",
    "arxiv-1908.07121",
    "arxiv-1909.11902",
    "arxiv-1904.10167",
]

PAPERS = """query($first: Int, $after: String, $order: WorkOrder, $filter: WorkFilter) {
  papers(first: $first, after: $after, orderBy: $order, filter: $filter) {
    pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


async def walk(
    client: httpx.AsyncClient, query: str, root: str, size: int, **variables: Any
) -> list[str]:
    """Every id of a list, fetched `size` at a time through the cursors."""
    ids: list[str] = []
    after = None
    for _ in range(100):
        page = (await data(client, query, {**variables, "first": size, "after": after}))[root]
        ids += [edge["node"]["id"] for edge in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return ids
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("the list did not end")


@pytest.fixture(scope="module")
async def seed(db: Database) -> Database:
    await wipe(db)
    await load_seed(db)
    return db


async def test_papers_newest_first_by_default(client: httpx.AsyncClient, seed: Database) -> None:
    page = (await data(client, PAPERS, {"first": 17}))["papers"]
    assert [edge["node"]["id"] for edge in page["edges"]] == NEWEST_FIRST
    assert page["pageInfo"]["hasNextPage"] is False


@pytest.mark.parametrize("order", ["YEAR_DESC", "YEAR_ASC", "TITLE_ASC", "CITATIONS_DESC"])
@pytest.mark.parametrize("size", [1, 4, 5])
async def test_pages_never_skip_or_repeat(
    client: httpx.AsyncClient, seed: Database, order: str, size: int
) -> None:
    whole = (await data(client, PAPERS, {"first": 17, "order": order}))["papers"]["edges"]
    assert await walk(client, PAPERS, "papers", size, order=order) == [
        edge["node"]["id"] for edge in whole
    ]


@pytest.mark.parametrize("order", ["YEAR_DESC", "YEAR_ASC", "TITLE_ASC", "CITATIONS_DESC"])
async def test_a_filters_own_papers_page_in_every_order(
    client: httpx.AsyncClient, seed: Database, order: str
) -> None:
    # an institution's (a topic's, an author's) papers are ranked from its own papers, not
    # found by walking every paper: the same order and cursors as the whole list's
    everything = (await data(client, PAPERS, {"first": 17, "order": order}))["papers"]["edges"]
    members = {"institution": "zhejiang-university"}
    whole = await data(client, PAPERS, {"first": 17, "order": order, "filter": members})
    expected = [edge["node"]["id"] for edge in whole["papers"]["edges"]]
    assert len(expected) == 15
    assert expected == [e["node"]["id"] for e in everything if e["node"]["id"] in expected]
    assert await walk(client, PAPERS, "papers", 4, order=order, filter=members) == expected


async def test_other_paper_orders(client: httpx.AsyncClient, seed: Database) -> None:
    oldest = (await data(client, PAPERS, {"first": 3, "order": "YEAR_ASC"}))["papers"]["edges"]
    assert [e["node"]["id"] for e in oldest] == [
        "arxiv-1905.11569",  # 2019, "Amalgamating Filtered Knowledge ..."
        "arxiv-1811.02796",  # 2019, "Amalgamating Knowledge towards ..."
        "arxiv-1908.07121",  # 2019, "Customizing Student Networks ..."
    ]
    by_title = (await data(client, PAPERS, {"first": 17, "order": "TITLE_ASC"}))["papers"]
    assert [e["node"]["id"] for e in by_title["edges"]][-2:] == [
        "arxiv-1904.10167",  # "Student Becoming the Master ..."
        "arxiv-2112.06253",  # "Up to 100x Faster ..."
    ]


async def test_paper_filters(client: httpx.AsyncClient, seed: Database) -> None:
    query = """query($filter: WorkFilter, $order: WorkOrder) {
      papers(filter: $filter, orderBy: $order) { totalCount edges { node { id } } } }"""

    async def ids(order: str = "YEAR_DESC", **wanted: Any) -> tuple[int, list[str]]:
        found = (await data(client, query, {"filter": wanted, "order": order}))["papers"]
        return found["totalCount"], [e["node"]["id"] for e in found["edges"]]

    assert await ids(topic="knowledge-amalgamation") == (
        5,
        [
            "arxiv-2207.13309",
            "arxiv-1905.11569",
            "arxiv-1811.02796",
            "arxiv-1908.07121",
            "arxiv-1904.10167",
        ],
    )
    assert await ids("YEAR_ASC", yearFrom=2020, titleContains="GRAPH") == (
        3,
        ["arxiv-2003.07496", "arxiv-2003.10477", "arxiv-2010.05421"],
    )
    assert await ids(yearFrom=2021, yearTo=2022, type="PREPRINT", author="gongfan-fang") == (
        3,
        ["arxiv-2207.13309", "arxiv-2205.07523", "arxiv-2112.06253"],
    )
    # Xinchao Wang is the seed's NUS member on these 2020 arXiv preprints
    assert await ids(
        venue="arXiv", yearTo=2020, institution="national-university-of-singapore"
    ) == (
        3,
        ["arxiv-1912.11006", "arxiv-2007.05441", "arxiv-2010.07210"],
    )
    assert (await ids(institution="zhejiang-university"))[0] == 15
    assert await ids(titleContains="no such words") == (0, [])


async def test_total_count_through_a_fragment(client: httpx.AsyncClient, seed: Database) -> None:
    query = """{ papers(first: 1) { ...Counted } researchers(first: 1) { ... on
      ResearcherConnection { totalCount } } }
      fragment Counted on PaperConnection { totalCount }"""
    assert await data(client, query) == {
        "papers": {"totalCount": 17},
        "researchers": {"totalCount": 33},
    }


async def test_a_list_without_a_filter_is_read_unfiltered(
    client: httpx.AsyncClient, seed: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The options a filter's anchor adds are not conditions: a list given no filter runs the
    variant of its statement without any filter condition (Neo4j plans the whole conjunction
    for seconds, cold), walks its order without testing one and counts from the count store."""
    keys: list[dict[str, Any]] = []
    statements: list[str] = []
    read, variant = Database._read, CypherLoader.variant

    async def spying(self: Database, text: str, params: dict[str, Any], *rest: Any) -> Any:
        for name, value in params.items():
            if name.endswith("keys"):
                keys.extend(key for key in value if isinstance(key, dict) and "filtered" in key)
        return await read(self, text, params, *rest)

    def naming(self: CypherLoader, wire: Any) -> str:
        statements.append(variant(self, wire))
        return statements[-1]

    monkeypatch.setattr(Database, "_read", spying)
    monkeypatch.setattr(CypherLoader, "variant", naming)
    query = """query($filter: WorkFilter) { papers(first: 2, filter: $filter) {
      totalCount edges { node { id } } } researchers(first: 1) { totalCount } }"""
    assert await data(client, query) == {
        "papers": {
            "totalCount": 17,
            "edges": [{"node": {"id": NEWEST_FIRST[0]}}, {"node": {"id": NEWEST_FIRST[1]}}],
        },
        "researchers": {"totalCount": 33},
    }
    assert [key["filtered"] for key in keys] == [False, False]
    assert sorted(statements) == ["loaders/papers_page@", "loaders/researchers_page@"]
    keys.clear()
    statements.clear()
    topic = {"yearFrom": 2023, "topic": "knowledge-distillation"}
    recent = await data(client, query, {"filter": topic})
    assert recent["papers"]["totalCount"] == 1
    assert [key["filtered"] for key in keys] == [True, False]
    assert sorted(statements) == [
        "loaders/papers_page@anchorHolds,anchorTopics,linked,topic,yearFrom",
        "loaders/researchers_page@",
    ]


RESEARCHERS = """query($first: Int, $after: String, $order: ResearcherOrder,
                    $filter: ResearcherFilter) {
  researchers(first: $first, after: $after, orderBy: $order, filter: $filter) {
    totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""


async def test_researchers_by_works_and_filters(client: httpx.AsyncClient, seed: Database) -> None:
    top = (await data(client, RESEARCHERS, {"first": 5, "order": "WORKS_DESC"}))["researchers"]
    assert [e["node"]["id"] for e in top["edges"]] == [
        "xinchao-wang",
        "mingli-song",
        "jie-song",
        "chengchao-shen",
        "gongfan-fang",
    ]
    on_topic = (await data(client, RESEARCHERS, {"filter": {"topic": "image-synthesis"}}))[
        "researchers"
    ]
    assert on_topic["totalCount"] == 5
    assert [e["node"]["id"] for e in on_topic["edges"]] == [
        "gongfan-fang",
        "haofei-zhang",
        "jie-song",
        "mingli-song",
        "xinchao-wang",
    ]
    named = (await data(client, RESEARCHERS, {"filter": {"nameContains": "SONG"}}))["researchers"]
    assert [e["node"]["id"] for e in named["edges"]] == [
        "jie-song",
        "kaitao-song",
        "mingli-song",
        "songhua-liu",
    ]
    open_ = await data(client, RESEARCHERS, {"filter": {"openToCollaborate": True}})
    assert [e["node"]["id"] for e in open_["researchers"]["edges"]] == ["gongfan-fang"]


async def test_researchers_tied_on_citations_follow_their_names(
    client: httpx.AsyncClient, seed: Database
) -> None:
    # no seed work is cited: every researcher ties, so the order is by name (then id), not by
    # works (which would put Xinchao Wang's 16 first)
    top = await data(client, RESEARCHERS, {"first": 5, "order": "CITATIONS_DESC"})
    assert [e["node"]["id"] for e in top["researchers"]["edges"]] == [
        "chengchao-shen",
        "da-chen",
        "dacheng-tao",
        "dapeng-tao",
        "donglin-xie",
    ]


@pytest.mark.parametrize("order", ["NAME_ASC", "WORKS_DESC", "CITATIONS_DESC"])
async def test_researcher_pages_never_skip_or_repeat(
    client: httpx.AsyncClient, seed: Database, order: str
) -> None:
    whole = (await data(client, RESEARCHERS, {"first": 40, "order": order}))["researchers"]
    expected = [edge["node"]["id"] for edge in whole["edges"]]
    assert len(expected) == 33
    assert await walk(client, RESEARCHERS, "researchers", 4, order=order) == expected


ZHEJIANG = [
    "haofei-zhang",
    "jie-song",
    "mingli-song",
    "weiming-lu",
    "yongliang-shen",
    "zunlei-feng",
]


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        ("NAME_ASC", ZHEJIANG),
        # 13 and 8 works, then the four with 2 by name
        ("WORKS_DESC", ["mingli-song", "jie-song", *ZHEJIANG[:1], *ZHEJIANG[3:]]),
        ("CITATIONS_DESC", ZHEJIANG),  # no seed work is cited: by name
    ],
)
async def test_an_institutions_researchers_in_every_order(
    client: httpx.AsyncClient, seed: Database, order: str, expected: list[str]
) -> None:
    # the page starts from the institution's members, not from every researcher
    members = {"institution": "zhejiang-university"}
    whole = await data(client, RESEARCHERS, {"first": 40, "order": order, "filter": members})
    assert whole["researchers"]["totalCount"] == 6
    assert [e["node"]["id"] for e in whole["researchers"]["edges"]] == expected
    assert await walk(client, RESEARCHERS, "researchers", 4, order=order, filter=members) == (
        expected
    )
    both = {**members, "topic": "image-synthesis"}
    on_topic = (await data(client, RESEARCHERS, {"order": order, "filter": both}))["researchers"]
    assert on_topic["totalCount"] == 3
    assert {e["node"]["id"] for e in on_topic["edges"]} == set(ZHEJIANG[:3])
    closed = {**members, "openToCollaborate": True}
    assert (await data(client, RESEARCHERS, {"filter": closed}))["researchers"]["totalCount"] == 0


async def test_topics_and_institutions(client: httpx.AsyncClient, seed: Database) -> None:
    query = """{
      topics(orderBy: PAPERS_DESC, first: 3) { edges { node { id paperCount } } }
      named: topics(filter: {nameContains: "distill"}) { totalCount edges { node { id } } }
      institutions(orderBy: MEMBERS_DESC) { edges { node { id } } }
      sg: institutions(filter: {country: "SG"}) { totalCount edges { node { id } } } }"""
    found = await data(client, query)
    assert [(e["node"]["id"], e["node"]["paperCount"]) for e in found["topics"]["edges"]] == [
        ("knowledge-distillation", 8),
        ("knowledge-amalgamation", 5),
        ("data-free-learning", 3),
    ]
    assert [e["node"]["id"] for e in found["named"]["edges"]] == [
        "dataset-distillation",
        "knowledge-distillation",
    ]
    assert [e["node"]["id"] for e in found["institutions"]["edges"]] == [
        "zhejiang-university",
        "national-university-of-singapore",
    ]
    assert found["sg"] == {
        "totalCount": 1,
        "edges": [{"node": {"id": "national-university-of-singapore"}}],
    }


async def test_a_cursor_of_another_order_is_refused(
    client: httpx.AsyncClient, seed: Database
) -> None:
    first = (await data(client, PAPERS, {"first": 1}))["papers"]["pageInfo"]["endCursor"]
    body = await gql(client, PAPERS, {"first": 1, "after": first, "order": "TITLE_ASC"})
    [error] = body["errors"]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"


@pytest.mark.parametrize(
    "key",
    [
        [None, None, None, [], ""],  # a list in the key once made the loader key unhashable
        ["2020", 0, "a title", "an-id", ""],  # Cypher cannot negate a string year
        [2**70, 0, "a title", "an-id", ""],  # too large for a Cypher integer
        [float("inf"), 0, "a title", "an-id", ""],
        [True, 0, "a title", "an-id", ""],
        [-2020, 0, {"a": 1}, "an-id", ""],
        [-2020, 0, "a title", 7, ""],
        [-2020, 0, "a title", "an-id", None],  # the edge key must be a string too
    ],
)
@pytest.mark.parametrize("order", ["YEAR_DESC", "TITLE_ASC"])
async def test_a_forged_cursor_is_bad_user_input(
    client: httpx.AsyncClient, seed: Database, key: list[Any], order: str
) -> None:
    forged = encode_cursor(key, binding(list_scope("Query.papers", f"PAPERS_{order}"), "all"))
    body = await gql(client, PAPERS, {"first": 2, "after": forged, "order": order})
    assert body["data"] == {"papers": None}  # the refused list alone
    assert [(e["message"], e["extensions"]["code"]) for e in body["errors"]] == [
        ("after is not a cursor this API gave out", "BAD_USER_INPUT")
    ]


async def test_a_cursor_with_float_keys_still_pages(
    client: httpx.AsyncClient, seed: Database
) -> None:
    bound = binding(list_scope("Query.papers", "PAPERS_YEAR_DESC"), "all")
    after = encode_cursor([-2022.0, 0.0, "", "", ""], bound)
    page = (await data(client, PAPERS, {"first": 2, "after": after}))["papers"]
    assert [edge["node"]["id"] for edge in page["edges"]] == NEWEST_FIRST[2:4]


async def test_undated_papers_follow_the_dated_ones(
    client: httpx.AsyncClient, db: Database
) -> None:
    await wipe(db)
    author = Researcher("u-r", "Undated Author")
    papers = [
        Paper("u-1", "B dated", year=2021, authors=["u-r"]),
        Paper("u-2", "A dated", year=2021, authors=["u-r"]),
        Paper("u-3", "C dated", year=2019, authors=["u-r"]),
        Paper("u-4", "Z undated", authors=["u-r"]),
        Paper("u-5", "Y undated", authors=["u-r"]),
    ]
    await Loader(db).load(Records([author, *papers]))
    for size in (1, 2, 3, 5):
        assert await walk(client, PAPERS, "papers", size) == ["u-2", "u-1", "u-3", "u-5", "u-4"]
    assert await walk(client, PAPERS, "papers", 2, order="YEAR_ASC") == [
        "u-3",
        "u-2",
        "u-1",
        "u-5",
        "u-4",
    ]
    dated = await walk(client, PAPERS, "papers", 2, filter={"yearFrom": 2020})
    assert dated == ["u-2", "u-1"]
