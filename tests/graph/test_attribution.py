"""Which papers count for an institution: those naming it for one of their authors, else those of
an author affiliated with it in the paper's year; `authorEverAffiliatedWith` keeps any stint.
The same rule in the papers list, a researcher's works, the stats and an institution's topics."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Authorship,
    Institution,
    Paper,
    PaperTopic,
    Researcher,
    Topic,
)
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, app_client, data, wipe

PAPERS = """query($filter: WorkFilter) { papers(filter: $filter, first: 20) {
  totalCount edges { node { id } } } }"""
STATS = """query($filter: WorkFilter) { paperStats(filter: $filter) {
  count byYear { year count } } }"""


@pytest.fixture(scope="module")
async def stints(db: Database) -> Database:
    """r1 at A 2010-2014 and at B from 2015; r2 at A, no years given; r3 named at B by a paper;
    r4 with an author record of its own listing only A from 2018, named at B by a paper.
    p1 2012 (r1), p2 2017 (r1), p3 2016 (r1, naming A), p4 undated (r1), p5 2000 (r2),
    p6 2020 (r3, naming B), p7 2019 (r4, naming B)."""
    await wipe(db)
    named_a, named_b = [Authorship(institutions=["at-a"])], [Authorship(institutions=["at-b"])]
    records = [
        Institution("at-a", "Institute A"),
        Institution("at-b", "Institute B"),
        Topic("at-t1", "One"),
        Topic("at-t2", "Two"),
        Topic("at-t3", "Three"),
        Researcher("at-r1", "Researcher One"),
        Researcher("at-r2", "Researcher Two"),
        Researcher("at-r3", "Researcher Three"),
        Researcher(
            "at-r4",
            "Researcher Four",
            updatedDate="2024-01-01",
            affiliations=[Affiliation("at-r4", "at-a", current=True, since=2018)],
        ),
        Affiliation("at-r1", "at-a", since=2010, until=2014),
        Affiliation("at-r1", "at-b", current=True, since=2015),
        Affiliation("at-r2", "at-a", current=True),
        Paper("at-p1", "P1", year=2012, authors=["at-r1"], topics=[PaperTopic("at-t1", 0.9)]),
        Paper("at-p2", "P2", year=2017, authors=["at-r1"], topics=[PaperTopic("at-t2", 0.9)]),
        Paper(
            "at-p3",
            "P3",
            year=2016,
            authors=["at-r1"],
            authorships=named_a,
            topics=[PaperTopic("at-t1", 0.8)],
        ),
        Paper("at-p4", "P4", authors=["at-r1"]),
        Paper("at-p5", "P5", year=2000, authors=["at-r2"], topics=[PaperTopic("at-t3", 0.5)]),
        Paper("at-p6", "P6", year=2020, authors=["at-r3"], authorships=named_b),
        Paper("at-p7", "P7", year=2019, authors=["at-r4"], authorships=named_b),
    ]
    await Loader(db).load(Records(records))
    return db


@pytest.fixture(scope="module", params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings, stints: Database
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        yield client


async def _papers(http: httpx.AsyncClient, **filter: object) -> tuple[int, list[str]]:
    found = (await data(http, PAPERS, {"filter": filter}))["papers"]
    return found["totalCount"], sorted(e["node"]["id"] for e in found["edges"])


@pytest.mark.parametrize(
    ("filter", "expected"),
    [
        ({"institution": "at-a"}, (3, ["at-p1", "at-p3", "at-p5"])),
        ({"institution": "at-b"}, (3, ["at-p2", "at-p6", "at-p7"])),
        ({"institution": "at-a", "yearFrom": 2010}, (2, ["at-p1", "at-p3"])),
        (
            {"authorEverAffiliatedWith": "at-a"},
            (6, ["at-p1", "at-p2", "at-p3", "at-p4", "at-p5", "at-p7"]),
        ),
        (
            {"authorEverAffiliatedWith": "at-b"},
            (6, ["at-p1", "at-p2", "at-p3", "at-p4", "at-p6", "at-p7"]),
        ),
        ({"institution": "at-a", "authorEverAffiliatedWith": "at-b"}, (2, ["at-p1", "at-p3"])),
    ],
)
async def test_a_paper_counts_for_the_institution_it_names_or_its_author_was_at_that_year(
    http: httpx.AsyncClient, filter: dict[str, object], expected: tuple[int, list[str]]
) -> None:
    assert await _papers(http, **filter) == expected


async def test_stats_count_by_the_same_rule(http: httpx.AsyncClient) -> None:
    a = (await data(http, STATS, {"filter": {"institution": "at-a"}}))["paperStats"]
    assert a["count"] == 3
    assert [y for y in a["byYear"] if y["count"]] == [
        {"year": 2000, "count": 1},
        {"year": 2012, "count": 1},
        {"year": 2016, "count": 1},
    ]
    ever = await data(http, STATS, {"filter": {"authorEverAffiliatedWith": "at-a"}})
    assert ever["paperStats"]["count"] == 6


async def test_an_institution_and_a_researcher_use_the_same_rule(
    http: httpx.AsyncClient,
) -> None:
    found = await data(
        http,
        """{ institution(id: "at-a") {
             paperStats { count } worksPerYear { year count }
             topics { topic { id } works } }
           researcher(id: "at-r1") {
             atA: works(filter: {institution: "at-a"}) { totalCount edges { node { id } } }
             atB: works(filter: {institution: "at-b"}) { totalCount edges { node { id } } }
             everAtA: works(filter: {authorEverAffiliatedWith: "at-a"}) { totalCount } } }""",
    )
    institution, researcher = found["institution"], found["researcher"]
    assert institution["paperStats"]["count"] == 3
    assert sum(y["count"] for y in institution["worksPerYear"]) == 3
    assert [(t["topic"]["id"], t["works"]) for t in institution["topics"]] == [
        ("at-t1", 2),
        ("at-t3", 1),
    ]
    assert [e["node"]["id"] for e in researcher["atA"]["edges"]] == ["at-p3", "at-p1"]
    assert [e["node"]["id"] for e in researcher["atB"]["edges"]] == ["at-p2"]
    assert (researcher["atA"]["totalCount"], researcher["atB"]["totalCount"]) == (2, 1)
    assert researcher["everAtA"]["totalCount"] == 4


async def test_a_paper_naming_an_institution_counts_though_its_authors_record_lists_another(
    http: httpx.AsyncClient,
) -> None:
    found = await data(
        http,
        """{ institution(id: "at-b") { id paperStats { count } topics { topic { id } } }
           researcher(id: "at-r4") { id affiliations { institution { id } since until } } }""",
    )
    assert found["institution"]["paperStats"]["count"] == 3
    assert found["researcher"]["affiliations"] == [
        {"institution": {"id": "at-a"}, "since": 2018, "until": None},
        {"institution": {"id": "at-b"}, "since": 2019, "until": 2019},
    ]
