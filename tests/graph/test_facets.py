"""Facets: `paperStats` and `researcherStats` grouped by one or two keys, top N, the lists' own
filters, several groupings in one round trip (seed data)."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from tests.helpers import data, gql

pytestmark = pytest.mark.usefixtures("seeded")

NUS, ZJU = "national-university-of-singapore", "zhejiang-university"
KD = "knowledge-distillation"
NEURIPS = "Advances in Neural Information Processing Systems (NeurIPS)"


def _pairs(groups: list[dict[str, Any]]) -> list[tuple[Any, ...]]:
    return [(*(k["value"] for k in g["keys"]), g["count"]) for g in groups]


async def test_institutions_co_authoring_with_a_researcher_in_one_request(
    client: httpx.AsyncClient,
) -> None:
    body = await gql(
        client,
        """{ paperStats(filter: {author: "gongfan-fang"}, groupBy: [INSTITUTION]) {
             count groups { keys { value name } count } } }""",
        debug=True,
    )
    assert body["extensions"]["cypher"]["queries"] == 1
    assert body["data"]["paperStats"] == {
        "count": 5,
        "groups": [
            {"keys": [{"value": NUS, "name": "National University of Singapore"}], "count": 5},
            {"keys": [{"value": ZJU, "name": "Zhejiang University"}], "count": 5},
        ],
    }


async def test_works_by_year_and_type_at_once(client: httpx.AsyncClient) -> None:
    found = await data(
        client,
        """{ paperStats(groupBy: [YEAR, TYPE]) { groups { keys { value name } count } } }""",
    )
    assert _pairs(found["paperStats"]["groups"]) == [
        ("2019", "article", 5),
        ("2020", "article", 3),
        ("2020", "preprint", 3),
        ("2022", "preprint", 3),
        ("2023", "article", 2),
        ("2022", "article", 1),
    ]
    assert all(k["name"] is None for g in found["paperStats"]["groups"] for k in g["keys"])


async def test_top_authors_venues_and_countries_of_filtered_works(
    client: httpx.AsyncClient,
) -> None:
    found = await data(
        client,
        """{ authors: paperStats(filter: {topic: "knowledge-distillation"}, groupBy: [AUTHOR],
               groupFirst: 3) { count groups { keys { value name } count } }
             venues: paperStats(groupBy: [VENUE], groupFirst: 2) { groups { keys { value } count } }
             countries: paperStats(groupBy: [COUNTRY]) { groups { keys { value } count } } }""",
    )
    assert found["authors"]["count"] == 8
    assert [(g["keys"][0]["name"], g["count"]) for g in found["authors"]["groups"]] == [
        ("Xinchao Wang", 8),
        ("Mingli Song", 6),
        ("Jie Song", 5),
    ]
    assert _pairs(found["venues"]["groups"]) == [("arXiv", 6), (NEURIPS, 4)]
    assert _pairs(found["countries"]["groups"]) == [("SG", 16), ("CN", 15)]


async def test_researchers_grouped_by_institution_country_and_topic(
    client: httpx.AsyncClient,
) -> None:
    found = await data(
        client,
        """{ all: researcherStats(groupBy: [INSTITUTION]) { count groups { keys { value } count } }
             dd: researcherStats(filter: {topic: "dataset-distillation"}, groupBy: [COUNTRY]) {
               count groups { keys { value } count } }
             pairs: researcherStats(groupBy: [INSTITUTION, TOPIC], groupFirst: 2) {
               groups { keys { value } count } }
             none: researcherStats(filter: {nameContains: "song"}) { count groups { count } } }""",
    )
    assert found["all"]["count"] == 33
    assert _pairs(found["all"]["groups"]) == [(ZJU, 6), (NUS, 4)]
    assert (found["dd"]["count"], _pairs(found["dd"]["groups"])) == (6, [("SG", 3)])
    assert _pairs(found["pairs"]["groups"]) == [(ZJU, KD, 6), (ZJU, "data-free-learning", 5)]
    assert found["none"] == {"count": 4, "groups": []}


async def test_several_groupings_take_one_round_trip(client: httpx.AsyncClient) -> None:
    body = await gql(
        client,
        """{ a: paperStats(filter: {institution: "zhejiang-university"}, groupBy: [TOPIC]) {
               groups { count } }
             b: paperStats(groupBy: [YEAR, COUNTRY], groupFirst: 50) { groups { count } }
             c: researcherStats(groupBy: [COUNTRY]) { groups { count } } }""",
        debug=True,
    )
    assert "errors" not in body, body["errors"]
    assert body["extensions"]["cypher"]["queries"] == 1


@pytest.mark.parametrize(
    ("arguments", "argument"),
    [
        ("groupBy: [YEAR, TYPE, TOPIC]", "groupBy"),
        ("groupBy: [YEAR, YEAR]", "groupBy"),
        ("groupBy: [YEAR], groupFirst: 201", "groupFirst"),
        ("groupBy: [YEAR], groupFirst: 0", "groupFirst"),
    ],
)
async def test_a_grouping_out_of_bounds_is_bad_user_input(
    client: httpx.AsyncClient, arguments: str, argument: str
) -> None:
    body = await gql(client, f"{{ paperStats({arguments}) {{ count }} }}")
    assert [(e["extensions"]["code"], e["extensions"]["argument"]) for e in body["errors"]] == [
        ("BAD_USER_INPUT", argument)
    ]
