"""Paper fields: ordered authors, scored topics, references and citations."""

from __future__ import annotations

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Researcher
from tests.helpers import Records, data, gql, wipe


async def test_authors_in_order_and_topics(client: httpx.AsyncClient, seeded: Database) -> None:
    result = await data(
        client,
        """{ paper(id: "arxiv-2207.13309") {
        title year arxivId url openAccess citedByCount
        authors { name } topics { topic { id name } score } } }""",
    )
    paper = result["paper"]
    assert [a["name"] for a in paper["authors"]] == [
        "Donglin Xie",
        "Ruonan Yu",
        "Gongfan Fang",
        "Jie Song",
        "Zunlei Feng",
        "Xinchao Wang",
        "Li Sun",
        "Mingli Song",
    ]
    assert paper["topics"] == [
        {"topic": {"id": "knowledge-amalgamation", "name": "Knowledge Amalgamation"}, "score": 0.9},
        {"topic": {"id": "knowledge-distillation", "name": "Knowledge Distillation"}, "score": 0.6},
    ]
    assert (paper["arxivId"], paper["url"], paper["openAccess"], paper["citedByCount"]) == (
        "2207.13309",
        "https://arxiv.org/abs/2207.13309",
        True,
        0,
    )


@pytest.fixture(scope="module")
async def citations(db: Database) -> Database:
    """p1 (2021) cites p2 (2019) and p3 (2020); p4 (2022) cites p2."""
    await wipe(db)
    author = Researcher("cite-r", "Cite Author")
    papers = [
        Paper("cite-p1", "One", year=2021, authors=["cite-r"], references=["cite-p2", "cite-p3"]),
        Paper("cite-p2", "Two", year=2019, authors=["cite-r"]),
        Paper("cite-p3", "Three", year=2020, authors=["cite-r"]),
        Paper("cite-p4", "Four", year=2022, authors=["cite-r"], references=["cite-p2"]),
    ]
    await Loader(db).load(Records([author, *papers]))
    return db


async def test_references_and_cited_by(client: httpx.AsyncClient, citations: Database) -> None:
    result = await data(
        client,
        """{
      one: paper(id: "cite-p1") { references { totalCount edges { node { id } } } citedByCount }
      two: paper(id: "cite-p2") {
        citedByCount
        citedBy(first: 1) { totalCount pageInfo { hasNextPage } edges { node { id year } } } } }""",
    )
    assert [e["node"]["id"] for e in result["one"]["references"]["edges"]] == ["cite-p3", "cite-p2"]
    assert result["one"]["citedByCount"] == 0
    assert result["two"]["citedByCount"] == 2
    cited_by = result["two"]["citedBy"]
    assert (cited_by["totalCount"], cited_by["pageInfo"]["hasNextPage"]) == (2, True)
    assert cited_by["edges"] == [{"node": {"id": "cite-p4", "year": 2022}}]
    counts = await data(client, '{ researcher(id: "cite-r") { counts { citations works } } }')
    assert counts["researcher"]["counts"] == {"citations": 3, "works": 4}


async def test_cited_by_count_comes_with_the_list(
    client: httpx.AsyncClient, citations: Database
) -> None:
    body = await gql(
        client,
        """{ researcher(id: "cite-r") {
        works { edges { node { id citedByCount } } } } }""",
        debug=True,
    )
    works = body["data"]["researcher"]["works"]["edges"]
    assert [(w["node"]["id"], w["node"]["citedByCount"]) for w in works] == [
        ("cite-p4", 0),
        ("cite-p1", 0),
        ("cite-p3", 1),
        ("cite-p2", 2),
    ]
    # the researcher and its works in one trip (asked for by its id), no other for the counts
    assert body["extensions"]["cypher"]["queries"] == 1


async def test_a_paper_its_authors_and_citers_authors_in_one_round_trip(
    client: httpx.AsyncClient, citations: Database
) -> None:
    body = await gql(
        client,
        """{ paper(id: "cite-p2") { title authors { id }
          citedBy(first: 5) { edges { node { id authors { name } } } } } }""",
        debug=True,
    )
    paper = body["data"]["paper"]
    assert (paper["title"], paper["authors"]) == ("Two", [{"id": "cite-r"}])
    assert [e["node"]["id"] for e in paper["citedBy"]["edges"]] == ["cite-p4", "cite-p1"]
    assert paper["citedBy"]["edges"][1]["node"]["authors"] == [{"name": "Cite Author"}]
    # the paper, its authors and citers, and the citers' authors: four batches, one round trip
    assert body["extensions"]["cypher"]["queries"] == 1
    assert body["extensions"]["cypher"]["batches"] == [
        {"query": "papers_by_id", "keys": 1},
        {"query": "paper_authors", "keys": 1},
        {"query": "paper_cited_by", "keys": 1},
        {"query": "paper_authors", "keys": 2},
    ]
