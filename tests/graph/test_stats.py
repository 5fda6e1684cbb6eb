"""Aggregates on the seed graph: works per year with zero years, by type, the topic mix."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import data, gql

pytestmark = pytest.mark.usefixtures("seeded")

STATS = """query($filter: WorkFilter, $topics: Int) { paperStats(filter: $filter) {
  count byYear { year count } byType { type count }
  byTopic(first: $topics) { topic { id } count weight } } }"""


async def test_paper_stats_of_the_whole_graph(client: httpx.AsyncClient) -> None:
    body = await gql(client, STATS, {"topics": 3}, debug=True)
    stats = body["data"]["paperStats"]
    assert stats["count"] == 17
    assert stats["byYear"] == [
        {"year": 2019, "count": 5},
        {"year": 2020, "count": 6},
        {"year": 2021, "count": 0},
        {"year": 2022, "count": 4},
        {"year": 2023, "count": 2},
    ]
    assert stats["byType"] == [{"type": "ARTICLE", "count": 11}, {"type": "PREPRINT", "count": 6}]
    assert [(t["topic"]["id"], t["count"], round(t["weight"], 2)) for t in stats["byTopic"]] == [
        ("knowledge-distillation", 8, 5.65),
        ("knowledge-amalgamation", 5, 4.5),
        ("data-free-learning", 3, 2.6),
    ]
    assert body["extensions"]["cypher"]["queries"] == 1


async def test_paper_stats_with_a_filter(client: httpx.AsyncClient) -> None:
    stats = (await data(client, STATS, {"filter": {"yearFrom": 2020, "type": "PREPRINT"}}))[
        "paperStats"
    ]
    assert stats["count"] == 6
    assert stats["byType"] == [{"type": "PREPRINT", "count": 6}]
    none = await data(client, STATS, {"filter": {"titleContains": "no such title"}})
    assert none["paperStats"] == {"count": 0, "byYear": [], "byType": [], "byTopic": []}


async def test_works_per_year_of_a_researcher_topic_and_institution(
    client: httpx.AsyncClient,
) -> None:
    query = """{
      researcher(id: "gongfan-fang") { worksPerYear { year count }
        paperStats { count byTopic { topic { id } count } } }
      topic(id: "knowledge-amalgamation") { worksPerYear { year count } }
      institution(id: "zhejiang-university") { paperStats { count byYear { year count } } } }"""
    found = await data(client, query)
    assert found["researcher"]["worksPerYear"] == [
        {"year": 2020, "count": 2},
        {"year": 2021, "count": 0},
        {"year": 2022, "count": 3},
    ]
    assert found["researcher"]["paperStats"] == {
        "count": 5,
        "byTopic": [
            {"topic": {"id": "knowledge-distillation"}, "count": 4},
            {"topic": {"id": "data-free-learning"}, "count": 3},
            {"topic": {"id": "image-synthesis"}, "count": 1},
            {"topic": {"id": "knowledge-amalgamation"}, "count": 1},
        ],
    }
    assert found["topic"]["worksPerYear"] == [
        {"year": 2019, "count": 4},
        {"year": 2020, "count": 0},
        {"year": 2021, "count": 0},
        {"year": 2022, "count": 1},
    ]
    assert found["institution"]["paperStats"]["count"] == 15


async def test_works_per_year_and_stats_share_one_query(client: httpx.AsyncClient) -> None:
    query = """{ researcher(id: "gongfan-fang") { worksPerYear { year }
      paperStats { count byYear { year } } } }"""
    body = await gql(client, query, debug=True)
    assert body["data"]["researcher"]["paperStats"]["count"] == 5
    assert body["extensions"]["cypher"]["queries"] == 2  # the researcher, then the stats
