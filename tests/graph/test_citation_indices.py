"""A researcher's h-index and i10-index from the graph's citations, beside the figures their
source's author record gave (`sourceStats`), with exact values computed here from the records."""

from __future__ import annotations

from collections.abc import AsyncIterator
from dataclasses import replace

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Researcher
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, app_client, data, wipe

#: how many papers cite each work of the planted graph
CITED = {"ci-p1": 12, "ci-p2": 10, "ci-p3": 4, "ci-p4": 3, "ci-p5": 3, "ci-p6": 0}
#: who wrote which work: ada all six, bo two of them, cy none; zed wrote the citing papers
WROTE = {
    "ci-ada": ["ci-p1", "ci-p2", "ci-p3", "ci-p4", "ci-p5", "ci-p6"],
    "ci-bo": ["ci-p1", "ci-p3"],
    "ci-cy": [],
    "ci-zed": [f"ci-c{n}" for n in range(1, 13)],
}
#: ada's record as an OpenAlex author record would give it; the others came without figures
ADA_SOURCE = {
    "worksCount": 41,
    "citedByCount": 1234,
    "hIndex": 15,
    "i10Index": 19,
    "meanCitedness2yr": 2.5,
    "asOf": "2025-06-01",
}

QUERY = """query($id: ID!) { researcher(id: $id) { hIndex i10Index counts { citations }
  sourceStats { worksCount citedByCount hIndex i10Index meanCitedness2yr asOf } } }"""


def h_index(citations: list[int]) -> int:
    """By hand: the largest h such that h works are each cited at least h times."""
    ranked = sorted(citations, reverse=True)
    return max((h for h in range(1, len(ranked) + 1) if ranked[h - 1] >= h), default=0)


def expected(researcher: str) -> tuple[int, int]:
    counts = [CITED.get(work, 0) for work in WROTE[researcher]]
    return h_index(counts), sum(1 for count in counts if count >= 10)


@pytest.fixture(scope="module")
async def cited(db: Database) -> Database:
    """The works of ada and bo, cited as `CITED` says by the twelve papers of zed (citing paper
    n cites every work cited at least n times)."""
    await wipe(db)
    works = {work for papers in WROTE.values() for work in papers}
    authors = {work: [r for r, papers in WROTE.items() if work in papers] for work in works}
    records: list[Researcher | Paper] = [
        Researcher(
            "ci-ada",
            "Ada Lovelace",
            updatedDate="2025-06-01",
            sourceWorksCount=41,
            sourceCitedByCount=1234,
            sourceHIndex=15,
            sourceI10Index=19,
            sourceMeanCitedness2yr=2.5,
        ),
        Researcher("ci-bo", "Bo Li"),
        Researcher("ci-cy", "Cy Twombly"),
        Researcher("ci-zed", "Zed Shaw"),
    ]
    for work in sorted(CITED):
        records.append(Paper(work, work.upper(), year=2020, authors=authors[work]))
    for n in range(1, 13):
        cites = sorted(work for work, count in CITED.items() if count >= n)
        records.append(
            Paper(f"ci-c{n}", f"Citing {n}", year=2021, authors=["ci-zed"], references=cites)
        )
    await Loader(db).load(Records(records))
    return db


@pytest.fixture(scope="module", params=[True, False], ids=["planner", "graphql-core"])
async def http(
    request: pytest.FixtureRequest, settings: Settings, cited: Database
) -> AsyncIterator[httpx.AsyncClient]:
    async with app_client(replace(settings, planner=request.param)) as client:
        yield client


def test_the_expected_indices_are_what_the_definition_gives() -> None:
    # ada: 12, 10, 4, 3, 3, 0 -> three works cited 3+ times but not four cited 4+ times
    assert (expected("ci-ada"), expected("ci-bo")) == ((3, 2), (2, 1))
    assert (expected("ci-cy"), expected("ci-zed")) == ((0, 0), (0, 0))


@pytest.mark.parametrize("researcher", ["ci-ada", "ci-bo", "ci-cy", "ci-zed"])
async def test_h_index_and_i10_index_count_the_graphs_citations(
    http: httpx.AsyncClient, researcher: str
) -> None:
    found = (await data(http, QUERY, {"id": researcher}))["researcher"]
    h, i10 = expected(researcher)
    citations = sum(CITED.get(work, 0) for work in WROTE[researcher])
    assert (found["hIndex"], found["i10Index"], found["counts"]["citations"]) == (
        h,
        i10,
        citations,
    )


async def test_source_figures_stand_beside_the_graphs(http: httpx.AsyncClient) -> None:
    ada = (await data(http, QUERY, {"id": "ci-ada"}))["researcher"]
    assert ada["sourceStats"] == ADA_SOURCE
    assert (ada["hIndex"], ada["i10Index"]) == (3, 2)  # the graph holds 6 of the 41 works
    bo = (await data(http, QUERY, {"id": "ci-bo"}))["researcher"]
    assert bo["sourceStats"] is None
