"""Researcher fields on the seed data: the profile page in one request, works, coauthors."""

from __future__ import annotations

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from tests.helpers import data, gql

pytestmark = pytest.mark.usefixtures("seeded")

PROFILE = """
query Profile($id: ID!) {
  researcher(id: $id) {
    id name headline openToCollaborate
    affiliation { name }
    trust { score label verificationLevel claimStatus }
    counts { works followers topics closeCollaborators }
    closeCollaborators { researcher { name } sharedWorks }
    works(first: 20) {
      totalCount
      edges { node { type year venue title abstract } }
    }
  }
}
"""

PAGE_ORDER = [  # as the seed page lists them
    (2022, "Federated Selective Aggregation for Knowledge Amalgamation"),
    (2022, "Prompting to Distill: Boosting Data-Free Knowledge Distillation via Reinforced Prompt"),
    (2022, "Up to 100$\\times$ Faster Data-free Knowledge Distillation"),
    (2020, "Data-Free Adversarial Distillation"),
    (2020, "Impression Space from Deep Template Network"),
]


async def test_the_seed_profile_in_one_request(client: httpx.AsyncClient) -> None:
    body = await gql(client, PROFILE, {"id": "gongfan-fang"}, debug=True)
    assert "errors" not in body
    profile = body["data"]["researcher"]
    assert profile["name"] == "Gongfan Fang"
    assert profile["headline"] == (
        "Gongfan Fang contributes to research discovery and scholarly infrastructure."
    )
    assert profile["affiliation"] is None
    assert profile["openToCollaborate"] is True
    assert profile["trust"] == {
        "score": 19,
        "label": "Unverified",
        "verificationLevel": 1,
        "claimStatus": "UNCLAIMED",
    }
    assert profile["counts"] == {"works": 5, "followers": 0, "topics": 4, "closeCollaborators": 4}
    assert profile["closeCollaborators"] == [
        {"researcher": {"name": "Xinchao Wang"}, "sharedWorks": 5},
        {"researcher": {"name": "Jie Song"}, "sharedWorks": 4},
        {"researcher": {"name": "Mingli Song"}, "sharedWorks": 4},
        {"researcher": {"name": "Haofei Zhang"}, "sharedWorks": 2},
    ]
    works = [edge["node"] for edge in profile["works"]["edges"]]
    assert profile["works"]["totalCount"] == 5
    assert [(w["year"], w["title"]) for w in works] == PAGE_ORDER
    assert {(w["type"], w["venue"]) for w in works} == {("PREPRINT", "arXiv")}
    assert works[0]["abstract"].startswith("In this paper, we explore a new knowledge-amalgamation")
    assert works[4]["abstract"].endswith("Our code will be released.")
    # researcher, affiliations, stats, coauthors and works, all asked for by the researcher's
    # id, in one round trip
    assert body["extensions"]["cypher"]["queries"] == 1


async def test_works_page_by_cursor_without_gaps(client: httpx.AsyncClient) -> None:
    query = """query($after: String) { researcher(id: "gongfan-fang") {
      works(first: 2, after: $after) { totalCount
        pageInfo { hasNextPage hasPreviousPage endCursor } edges { node { title } } } } }"""
    seen, after, pages = [], None, []
    while True:
        works = (await data(client, query, {"after": after}))["researcher"]["works"]
        pages.append(
            (
                len(works["edges"]),
                works["pageInfo"]["hasNextPage"],
                works["pageInfo"]["hasPreviousPage"],
            )
        )
        seen += [edge["node"]["title"] for edge in works["edges"]]
        after = works["pageInfo"]["endCursor"]
        if not works["pageInfo"]["hasNextPage"]:
            break
    assert pages == [(2, True, False), (2, True, True), (1, False, True)]
    assert seen == [title for _, title in PAGE_ORDER]


async def test_works_filter_and_order(client: httpx.AsyncClient) -> None:
    query = """{ researcher(id: "gongfan-fang") {
      recent: works(filter: {yearFrom: 2021}) { totalCount }
      old: works(filter: {yearTo: 2020, type: PREPRINT}, orderBy: TITLE_ASC) {
        edges { node { year title } } }
      articles: works(filter: {type: ARTICLE}) { totalCount }
      oldestFirst: works(orderBy: YEAR_ASC, first: 1) { edges { node { title } } } } }"""
    researcher = (await data(client, query))["researcher"]
    assert researcher["recent"]["totalCount"] == 3
    assert [e["node"]["title"] for e in researcher["old"]["edges"]] == [
        "Data-Free Adversarial Distillation",
        "Impression Space from Deep Template Network",
    ]
    assert researcher["articles"]["totalCount"] == 0
    assert researcher["oldestFirst"]["edges"][0]["node"]["title"] == (
        "Data-Free Adversarial Distillation"
    )


async def test_first_is_capped_with_a_coded_error(client: httpx.AsyncClient) -> None:
    body = await gql(
        client,
        '{ researcher(id: "gongfan-fang") { name works(first: 201) { totalCount } '
        "coauthors(first: 1) { totalCount } } }",
    )
    # the refused list alone is null: the researcher and its other lists stay
    assert body["data"] == {
        "researcher": {"name": "Gongfan Fang", "works": None, "coauthors": {"totalCount": 15}}
    }
    assert body["errors"][0]["message"] == "first must be at most 200 (got 201)"
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "first",
        "max": 200,
    }


async def test_a_foreign_cursor_is_refused(client: httpx.AsyncClient) -> None:
    coauthors = await data(
        client,
        '{ researcher(id: "gongfan-fang") { coauthors(first: 1) { pageInfo { endCursor } } } }',
    )
    cursor = coauthors["researcher"]["coauthors"]["pageInfo"]["endCursor"]
    for bad in (cursor, "not-a-cursor"):
        body = await gql(
            client,
            'query($c: String) { researcher(id: "gongfan-fang") { '
            "works(after: $c) { totalCount } } }",
            {"c": bad},
        )
        assert body["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


async def test_coauthors_carry_shared_works(client: httpx.AsyncClient) -> None:
    query = """{ researcher(id: "gongfan-fang") {
      all: coauthors(first: 3) { totalCount edges { node { name } sharedWorks } }
      close: coauthors(minSharedWorks: 2) { totalCount } } }"""
    researcher = (await data(client, query))["researcher"]
    assert researcher["all"]["totalCount"] == 15
    assert [(e["node"]["name"], e["sharedWorks"]) for e in researcher["all"]["edges"]] == [
        ("Xinchao Wang", 5),
        ("Jie Song", 4),
        ("Mingli Song", 4),
    ]
    assert researcher["close"]["totalCount"] == 4


async def test_topics_years_and_affiliations(client: httpx.AsyncClient) -> None:
    query = """{ fang: researcher(id: "gongfan-fang") {
        topics { topic { name } works weight } worksPerYear { year count }
        affiliations { current } counts { coauthors citations } }
      wang: researcher(id: "xinchao-wang") {
        affiliation { name country ror } affiliations { institution { id } current since } } }"""
    result = await data(client, query)
    fang, wang = result["fang"], result["wang"]
    assert [(t["topic"]["name"], t["works"], round(t["weight"], 2)) for t in fang["topics"]] == [
        ("Knowledge Distillation", 4, 3.15),
        ("Data-Free Learning", 3, 2.6),
        ("Image Synthesis", 1, 0.9),
        ("Knowledge Amalgamation", 1, 0.9),
    ]
    assert fang["worksPerYear"] == [
        {"year": 2020, "count": 2},
        {"year": 2021, "count": 0},
        {"year": 2022, "count": 3},
    ]
    assert fang["affiliations"] == []
    assert fang["counts"] == {"coauthors": 15, "citations": 0}
    assert wang["affiliation"] == {
        "name": "National University of Singapore",
        "country": "SG",
        "ror": "01tgyzw49",
    }
    assert wang["affiliations"] == [
        {"institution": {"id": "national-university-of-singapore"}, "current": True, "since": None}
    ]


async def test_unknown_ids_are_null(client: httpx.AsyncClient) -> None:
    assert await data(client, '{ researcher(id: "nobody") { name } }') == {"researcher": None}


async def test_researchers_list_by_name(client: httpx.AsyncClient, seeded: Database) -> None:
    result = await data(client, "{ researchers(first: 3) { totalCount edges { node { name } } } }")
    assert result["researchers"]["totalCount"] == 33
    assert [e["node"]["name"] for e in result["researchers"]["edges"]] == [
        "Chengchao Shen",
        "Da Chen",
        "Dacheng Tao",
    ]
