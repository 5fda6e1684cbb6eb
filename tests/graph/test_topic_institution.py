"""Topics and institutions on the seed data, and `node(id)` for any kind."""

from __future__ import annotations

import httpx
import pytest

from tests.helpers import data

pytestmark = pytest.mark.usefixtures("seeded")


async def test_topic_papers_researchers_and_related(client: httpx.AsyncClient) -> None:
    result = await data(
        client,
        """{ topic(id: "knowledge-amalgamation") {
        name paperCount
        papers { totalCount edges { node { id } } }
        researchers(first: 5) { totalCount edges { node { name } works } }
        relatedTopics { topic { name } sharedPapers } } }""",
    )
    topic = result["topic"]
    assert (topic["name"], topic["paperCount"], topic["papers"]["totalCount"]) == (
        "Knowledge Amalgamation",
        5,
        5,
    )
    assert [e["node"]["id"] for e in topic["papers"]["edges"]] == [
        "arxiv-2207.13309",
        "arxiv-1905.11569",
        "arxiv-1811.02796",
        "arxiv-1908.07121",
        "arxiv-1904.10167",
    ]
    assert topic["researchers"]["totalCount"] == 14
    assert [(e["node"]["name"], e["works"]) for e in topic["researchers"]["edges"]] == [
        ("Mingli Song", 5),
        ("Xinchao Wang", 5),
        ("Jie Song", 3),
        ("Li Sun", 3),
        ("Chengchao Shen", 2),
    ]
    assert topic["relatedTopics"] == [
        {"topic": {"name": "Knowledge Distillation"}, "sharedPapers": 3},
        {"topic": {"name": "Scene Understanding"}, "sharedPapers": 1},
    ]


async def test_institution_members_and_topics(client: httpx.AsyncClient) -> None:
    result = await data(
        client,
        """{ institution(id: "national-university-of-singapore") {
        name country ror
        members { totalCount edges { node { name } current } }
        formerOnly: members(current: false) { totalCount }
        topics(first: 2) { topic { name } works } } }""",
    )
    nus = result["institution"]
    assert (nus["name"], nus["country"], nus["ror"]) == (
        "National University of Singapore",
        "SG",
        "01tgyzw49",
    )
    assert [(e["node"]["name"], e["current"]) for e in nus["members"]["edges"]] == [
        ("Ruonan Yu", True),
        ("Songhua Liu", True),
        ("Xinchao Wang", True),
        ("Xinyin Ma", True),
    ]
    assert nus["formerOnly"]["totalCount"] == 0
    assert nus["topics"] == [
        {"topic": {"name": "Knowledge Distillation"}, "works": 8},
        {"topic": {"name": "Knowledge Amalgamation"}, "works": 5},
    ]


async def test_node_finds_any_kind(client: httpx.AsyncClient) -> None:
    result = await data(
        client,
        """{
      a: node(id: "zhejiang-university") { __typename id ... on Institution { name } }
      b: node(id: "gongfan-fang") { __typename ... on Researcher { name } }
      c: node(id: "arxiv-1912.11006") { __typename ... on Paper { year } }
      d: node(id: "image-synthesis") { __typename ... on Topic { name } }
      e: node(id: "nothing-here") { id } }""",
    )
    assert result == {
        "a": {
            "__typename": "Institution",
            "id": "zhejiang-university",
            "name": "Zhejiang University",
        },
        "b": {"__typename": "Researcher", "name": "Gongfan Fang"},
        "c": {"__typename": "Paper", "year": 2020},
        "d": {"__typename": "Topic", "name": "Image Synthesis"},
        "e": None,
    }


async def test_list_roots_page_through_everything(client: httpx.AsyncClient) -> None:
    query = """query($after: String) { topics(first: 4, after: $after) {
        totalCount pageInfo { endCursor hasNextPage } edges { node { id } } } }"""
    ids, after = [], None
    for _ in range(10):
        topics = (await data(client, query, {"after": after}))["topics"]
        ids += [e["node"]["id"] for e in topics["edges"]]
        after = topics["pageInfo"]["endCursor"]
        if not topics["pageInfo"]["hasNextPage"]:
            break
    assert topics["totalCount"] == 10
    assert len(ids) == len(set(ids)) == 10
    first = await data(
        client,
        "{ papers(first: 1) { totalCount edges { node { year } } } institutions { totalCount } }",
    )
    assert first["papers"]["totalCount"] == 17
    assert first["papers"]["edges"][0]["node"]["year"] == 2023
    assert first["institutions"]["totalCount"] == 2
