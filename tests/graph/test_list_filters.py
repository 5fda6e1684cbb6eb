"""Filters taking lists: any of (`*AnyOf`, `cites`, `citedBy`, `typeAnyOf`) and all of
(`*AllOf`) on the papers list, a researcher's works, the stats and the researchers list, over the
seed and two papers citing seed papers."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, app_client, data, gql, wipe

NUS, ZJU = "national-university-of-singapore", "zhejiang-university"
#: the order by works in 2020-2022 over the seed: Xinchao Wang 10 of his 16 works, Mingli Song 8
#: of 13, Jie Song 5 of 8 before Gongfan Fang 5 of 5 (more works in all), Yiding Yang 3 of 3
WINDOW_TOP = ["xinchao-wang", "mingli-song", "jie-song", "gongfan-fang", "yiding-yang"]
#: the same among ZJU's people: Haofei Zhang and Zunlei Feng 2 of 2 each (by name), Weiming Lu
#: and Yongliang Shen 1 of 2 each
WINDOW_ZJU = [
    "mingli-song",
    "jie-song",
    "haofei-zhang",
    "zunlei-feng",
    "weiming-lu",
    "yongliang-shen",
]
PAPERS = """query($filter: WorkFilter) { papers(filter: $filter, first: 50) {
  totalCount edges { node { id } } } }"""
RESEARCHERS = """query($filter: ResearcherFilter) { researchers(filter: $filter, first: 50) {
  totalCount edges { node { id } } } }"""


@pytest.fixture(scope="module")
async def cited(db: Database) -> Database:
    """The seed, and cx-1 (2024) citing 1912.11006 and 2007.05441, cx-2 (2024) citing 1912.11006."""
    await wipe(db)
    await load_seed(db)
    records = [
        Researcher("cx-r", "Citing Author"),
        Paper(
            "cx-1",
            "Citing One",
            year=2024,
            authors=["cx-r"],
            references=["arxiv-1912.11006", "arxiv-2007.05441"],
        ),
        Paper("cx-2", "Citing Two", year=2024, authors=["cx-r"], references=["arxiv-1912.11006"]),
    ]
    await Loader(db).load(Records(records))
    return db


@pytest.fixture(scope="module", params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings, cited: Database
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        yield client


async def _ids(
    http: httpx.AsyncClient, query: str, root: str, **filter: Any
) -> tuple[int, list[str]]:
    found = (await data(http, query, {"filter": filter}))[root]
    return found["totalCount"], sorted(e["node"]["id"] for e in found["edges"])


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        (
            {"topicAnyOf": ["image-synthesis", "graph-neural-networks"]},
            (3, ["arxiv-2003.10477", "arxiv-2007.05441", "arxiv-2010.05421"]),
        ),
        (
            {"topicAllOf": ["knowledge-amalgamation", "knowledge-distillation"]},
            (3, ["arxiv-1811.02796", "arxiv-1908.07121", "arxiv-2207.13309"]),
        ),
        (
            {"authorAllOf": ["gongfan-fang", "haofei-zhang"]},
            (2, ["arxiv-2007.05441", "arxiv-2112.06253"]),
        ),
        (
            {"authorAnyOf": ["yiding-yang", "songhua-liu"]},
            (
                5,
                [
                    "arxiv-2003.10477",
                    "arxiv-2010.05421",
                    "arxiv-2010.07210",
                    "arxiv-2210.16774",
                    "arxiv-2301.07014",
                ],
            ),
        ),
        (
            {"authorAnyOf": ["yiding-yang", "songhua-liu"], "typeAnyOf": ["PREPRINT"]},
            (1, ["arxiv-2010.07210"]),
        ),
        (
            {"institutionAnyOf": [NUS, ZJU], "yearFrom": 2023},
            (2, ["arxiv-2301.07014", "arxiv-2303.17580"]),
        ),
        (
            {"institutionAllOf": [NUS, ZJU], "yearFrom": 2022},
            (3, ["arxiv-2112.06253", "arxiv-2205.07523", "arxiv-2207.13309"]),
        ),
        ({"cites": ["arxiv-2007.05441"]}, (1, ["cx-1"])),
        ({"cites": ["arxiv-1912.11006", "arxiv-2007.05441"]}, (2, ["cx-1", "cx-2"])),
        ({"citedBy": ["cx-1"]}, (2, ["arxiv-1912.11006", "arxiv-2007.05441"])),
        (
            {"citedBy": ["cx-1", "cx-2"], "topicAnyOf": ["image-synthesis"]},
            (1, ["arxiv-2007.05441"]),
        ),
        ({"topicAnyOf": []}, (19, None)),
    ],
)
async def test_papers_filter_by_any_of_and_all_of(
    http: httpx.AsyncClient, filter: dict[str, Any], expected: tuple[int, list[str] | None]
) -> None:
    total, ids = await _ids(http, PAPERS, "papers", **filter)
    assert total == expected[0]
    if expected[1] is not None:
        assert ids == expected[1]


async def test_all_of_institutions_counts_works_written_together(http: httpx.AsyncClient) -> None:
    found = await data(
        http,
        """query($both: [ID!], $either: [ID!]) {
             both: paperStats(filter: {institutionAllOf: $both}) { count }
             either: paperStats(filter: {institutionAnyOf: $either}) { count }
             nus: paperStats(filter: {institution: "national-university-of-singapore"}) { count }
             types: paperStats(
               filter: {typeAnyOf: [PREPRINT, DATASET], institutionAnyOf: $either}
             ) { count byType { type count } } }""",
        {"both": [NUS, ZJU], "either": [NUS, ZJU]},
    )
    assert (found["both"]["count"], found["either"]["count"], found["nus"]["count"]) == (14, 17, 16)
    assert found["types"] == {
        "count": 6,
        "byType": [{"type": "PREPRINT", "count": 6}, {"type": "DATASET", "count": 0}],
    }


async def test_a_researchers_works_take_list_filters(http: httpx.AsyncClient) -> None:
    found = await data(
        http,
        """{ researcher(id: "xinchao-wang") { id
             works(filter: {authorAllOf: ["gongfan-fang", "haofei-zhang"]}) {
               totalCount edges { node { id } } } } }""",
    )
    works = found["researcher"]["works"]
    assert works["totalCount"] == 2
    assert [e["node"]["id"] for e in works["edges"]] == ["arxiv-2112.06253", "arxiv-2007.05441"]


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"institutionAnyOf": [NUS, ZJU]}, 10),
        ({"institutionAllOf": [NUS, ZJU]}, 0),
        ({"topicAllOf": ["dataset-distillation", "knowledge-distillation"]}, 3),
        ({"topicAnyOf": ["dataset-distillation", "llm-agents"]}, 12),
        ({"topicAnyOf": ["dataset-distillation", "llm-agents"], "institutionAnyOf": [ZJU]}, 2),
    ],
)
async def test_researchers_filter_by_any_of_and_all_of(
    http: httpx.AsyncClient, filter: dict[str, Any], expected: int
) -> None:
    total, ids = await _ids(http, RESEARCHERS, "researchers", **filter)
    assert total == expected == len(ids)


async def test_researchers_on_two_topics_are_named(http: httpx.AsyncClient) -> None:
    _, ids = await _ids(
        http,
        RESEARCHERS,
        "researchers",
        topicAllOf=["dataset-distillation", "knowledge-distillation"],
    )
    assert ids == ["ruonan-yu", "songhua-liu", "xinchao-wang"]


@pytest.mark.parametrize(
    ("filter", "field"),
    [
        ({"topicAnyOf": ["knowledge-distillation", "no-such-topic"]}, "topicAnyOf"),
        ({"cites": ["no-such-paper"]}, "cites"),
        ({"institutionAllOf": [NUS, "nowhere"]}, "institutionAllOf"),
    ],
)
async def test_an_unknown_id_in_a_list_is_refused(
    http: httpx.AsyncClient, filter: dict[str, Any], field: str
) -> None:
    body = await gql(http, PAPERS, {"filter": filter})
    error = body["errors"][0]
    assert error["extensions"]["code"] == "BAD_USER_INPUT"
    assert error["extensions"]["argument"] == f"filter.{field}"
    assert body["data"]["papers"] is None


async def test_a_list_longer_than_a_hundred_is_refused(http: httpx.AsyncClient) -> None:
    body = await gql(http, PAPERS, {"filter": {"authorAnyOf": [f"r{i}" for i in range(101)]}})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["argument"] == "filter.authorAnyOf"


ORDERED = """query($order: ResearcherOrder) {
  researchers(orderBy: $order, first: 7) { totalCount edges { node { id } } } }"""


@pytest.mark.parametrize(
    ("order", "expected"),
    [
        # 1912.11006 is cited twice, 2007.05441 once: citations over works
        (
            "CITATIONS_PER_WORK_DESC",
            [
                "da-chen",  # 2 / 1
                "gongfan-fang",  # 3 / 5
                "haofei-zhang",  # 1 / 2
                "chengchao-shen",  # 2 / 5
                "jie-song",  # 3 / 8
                "mingli-song",  # 3 / 13
                "xinchao-wang",  # 3 / 16
            ],
        ),
        # an h-index of 1 for each of the seven, then most works (Jingwen Ye's four works are
        # uncited: h-index 0, after Haofei Zhang's two)
        (
            "H_INDEX_DESC",
            [
                "xinchao-wang",
                "mingli-song",
                "jie-song",
                "chengchao-shen",
                "gongfan-fang",
                "haofei-zhang",
                "da-chen",
            ],
        ),
    ],
)
async def test_researchers_by_derived_metrics(
    http: httpx.AsyncClient, order: str, expected: list[str]
) -> None:
    found = (await data(http, ORDERED, {"order": order}))["researchers"]
    assert [e["node"]["id"] for e in found["edges"]] == expected
    assert found["totalCount"] == 34


async def test_a_derived_order_pages_exactly(http: httpx.AsyncClient) -> None:
    ids: list[str] = []
    after = None
    query = """query($after: String) { researchers(orderBy: H_INDEX_DESC, first: 5,
      after: $after) { pageInfo { hasNextPage endCursor } edges { node { id } } } }"""
    for _ in range(10):
        page = (await data(http, query, {"after": after}))["researchers"]
        ids += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    assert len(ids) == len(set(ids)) == 34


WINDOWED = """query($window: YearWindow, $first: Int, $after: String, $filter: ResearcherFilter) {
  researchers(orderBy: WORKS_IN_WINDOW_DESC, window: $window, first: $first, after: $after,
    filter: $filter) { totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } }"""
WINDOW_FLOOR = Path(__file__).parents[2] / "bench" / "floor" / "analysts" / "works_in_window.cypher"


async def _works_in_window_floor(db: Database, institution: str | None) -> list[str]:
    """The order by works in 2020-2022 as the bench floor's hand-written Cypher says it."""
    params = {"institution": institution, "from": 2020, "to": 2022, "first": 1000}
    records, _, _ = await db.driver.execute_query(
        WINDOW_FLOOR.read_text(), params, database_=db.database
    )
    return [record["id"] for record in records]


async def _walk(http: httpx.AsyncClient, first: int, **variables: Any) -> tuple[int, list[str]]:
    ids: list[str] = []
    after = None
    for _ in range(50):
        found = await data(http, WINDOWED, {**variables, "first": first, "after": after})
        page = found["researchers"]
        ids += [e["node"]["id"] for e in page["edges"]]
        if not page["pageInfo"]["hasNextPage"]:
            return page["totalCount"], ids
        after = page["pageInfo"]["endCursor"]
    raise AssertionError("the walk did not end")


async def test_researchers_by_works_in_a_window_page_exactly_as_the_floor_orders_them(
    http: httpx.AsyncClient, cited: Database
) -> None:
    window = {"from": 2020, "to": 2022}
    expected = await _works_in_window_floor(cited, None)
    assert expected[:5] == WINDOW_TOP
    assert len(expected) == 34
    for first in (3, 7, 34):
        assert await _walk(http, first, window=window) == (34, expected)


async def test_works_in_a_window_orders_a_filtered_list(
    http: httpx.AsyncClient, cited: Database
) -> None:
    expected = await _works_in_window_floor(cited, ZJU)
    assert expected == WINDOW_ZJU
    found = await _walk(http, 2, window={"from": 2020, "to": 2022}, filter={"institution": ZJU})
    assert found == (len(expected), expected)


@pytest.mark.parametrize(
    ("order", "window"),
    [
        ("WORKS_IN_WINDOW_DESC", None),
        ("NAME_ASC", {"from": 2020, "to": 2022}),
        ("WORKS_IN_WINDOW_DESC", {"from": 2021, "to": 2020}),
        ("WORKS_IN_WINDOW_DESC", {"from": 2020, "to": 10000}),
    ],
    ids=["order-without-window", "window-without-order", "backwards", "past-9999"],
)
async def test_a_window_that_cannot_order_is_refused(
    http: httpx.AsyncClient, order: str, window: dict[str, int] | None
) -> None:
    query = """query($order: ResearcherOrder, $window: YearWindow) {
      researchers(orderBy: $order, window: $window, first: 3) { edges { node { id } } } }"""
    body = await gql(http, query, {"order": order, "window": window})
    assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
    assert body["errors"][0]["extensions"]["argument"] == "window"
    assert body["data"]["researchers"] is None
