"""OpenAlex works, with the awkward cases real snapshots have, into the same graph model."""

from __future__ import annotations

import gzip
import shutil
from pathlib import Path

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.openalex import abstract_text, arxiv_id, short_id
from bzpeer_graphql.ingest.openalex_entities import stints
from bzpeer_graphql.ingest.snapshot import OpenAlexFile as OpenAlexWorks
from bzpeer_graphql.ingest.source import LoadError
from bzpeer_graphql.ingest.vocabulary import work_type
from tests.helpers import data, graph_counts, wipe
from tests.ingest.test_openalex_snapshot import graph_hash

WORKS = Path(__file__).parent.parent / "fixtures" / "openalex" / "works.jsonl"
MERGED_COUNTS = {
    "Paper": 3,
    "Researcher": 3,
    "Institution": 2,
    "Topic": 2,
    "AUTHORED": 5,
    "AFFILIATED_WITH": 3,
    "ABOUT": 3,
    "CITES": 3,
    "Stub": 1,  # W1999, cited and not loaded
    "COAUTHOR": 4,  # A2001-A2002 (W1001) and A2002-A2003 (W1002), both ways
    "RELATED": 2,  # the two topics of W1001, both ways
    "WORKS_ON": 5,  # each author of a work about a topic, to that topic
}


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    """The fixture works, gzipped, with a merged_ids folder as the snapshot lays it out."""
    works = tmp_path / "data" / "works" / "updated_date=2024-01-01" / "part_000.gz"
    works.parent.mkdir(parents=True)
    with open(WORKS, "rb") as plain, gzip.open(works, "wb") as packed:
        shutil.copyfileobj(plain, packed)
    for entity, rows in {
        "authors": ["2024-01-02,A2004,A2003"],
        "works": ["2024-01-02,W1005,W1002"],
    }.items():
        folder = tmp_path / "data" / "merged_ids" / entity
        folder.mkdir(parents=True)
        with gzip.open(folder / "2024-01-02.csv.gz", "wt") as out:
            out.write("merge_date,id,merge_into_id\n" + "\n".join(rows) + "\n")
    return tmp_path / "data"


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


def test_ids_and_abstracts() -> None:
    assert short_id("https://openalex.org/W1001") == "W1001"
    assert short_id(None) is None
    assert abstract_text({"b": [1], "a": [0, 2]}) == "a b a"
    assert abstract_text(None) is None


def test_types_share_one_vocabulary() -> None:
    older = ["journal-article", "proceedings-article", "posted-content", "book-part", None]
    assert [work_type(t) for t in older] == ["article", "article", "preprint", "book-chapter", None]
    assert [work_type(t) for t in ["article", "preprint", "dataset"]] == [
        "article",
        "preprint",
        "dataset",
    ]


def test_stints_split_at_gaps_in_the_years() -> None:
    assert stints([2024, 2023, 2018, 2017, 2018]) == [(2017, 2018), (2023, 2024)]
    assert stints([]) == []


def test_arxiv_ids_come_from_any_location() -> None:
    assert arxiv_id([None, "http://arxiv.org/abs/1912.11006v3"]) == "1912.11006"
    assert arxiv_id(["https://arxiv.org/pdf/2205.07523v1.pdf"]) == "2205.07523"
    assert arxiv_id(["10.48550/arxiv.2112.06253"]) == "2112.06253"
    assert arxiv_id(["https://example.org/paper", None]) is None


async def test_a_work_without_id_fails_the_run(empty: Database) -> None:
    with pytest.raises(LoadError) as failure:
        await Loader(empty).load(OpenAlexWorks(WORKS))
    assert [str(e) for e in failure.value.errors] == [
        "line 4: work: field id: expected an OpenAlex work id, got null"
    ]
    assert await graph_counts(empty) == {}


async def test_works_become_the_graph_model(empty: Database) -> None:
    summary = await Loader(empty, on_error="skip").load(OpenAlexWorks(WORKS))
    assert (summary.skipped, summary.unreadable) == (1, 0)  # line 4 is JSON, without an id
    counts = await graph_counts(empty)
    assert counts == {
        "Paper": 3,
        "Researcher": 4,
        "Institution": 2,
        "Topic": 2,
        "AUTHORED": 5,
        "AFFILIATED_WITH": 4,
        "ABOUT": 3,
        "CITES": 3,
        "Stub": 2,  # W1999 and W1005 are cited, not loaded: they wait as stubs
        "COAUTHOR": 4,
        "RELATED": 2,  # the two topics of W1001, both ways
        "WORKS_ON": 5,
        "DUPLICATE_CANDIDATE": 1,  # Cleo Coder-Test and C. Coder-Test: initials that fit
    }
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper {id: 'W1001'}) "
        "CALL (p) { MATCH (a:Researcher)-[w:AUTHORED]->(p) WITH a, w ORDER BY w.position "
        "  RETURN collect([a.id, w.position]) AS authors } "
        "RETURN p {.title, .year, .type, .venue, .doi, .arxivId, .url, .openAccess, .abstract} "
        "AS paper, authors"
    )
    assert records[0]["paper"] == {
        "title": "Graphs for research discovery",
        "year": 2021,
        "type": "article",
        "venue": "Journal of Graph Tests",
        "doi": "10.1234/test.1",
        "arxivId": "2101.00001",
        "url": "https://example.org/w1001",
        "openAccess": True,
        "abstract": "Graphs make research visible and research findable.",
    }
    # the "no author" marker, the null author id and the repeated authorship are gone
    assert records[0]["authors"] == [["A2001", 1], ["A2002", 2]]
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper {id: 'W1002'}) RETURN p.title AS title, p.abstract AS abstract, "
        "p.venue AS venue"
    )
    assert records[0].data() == {
        "title": "An older work without an abstract",
        "abstract": None,
        "venue": None,
    }
    records, _, _ = await empty.driver.execute_query(
        "MATCH (r:Researcher {id: 'A2001'})-[a:AFFILIATED_WITH]->(i:Institution) "
        "RETURN r.orcid AS orcid, i {.id, .name, .country, .ror} AS institution, "
        "a.since AS since, a.until AS until"
    )
    assert records[0].data() == {
        "orcid": "0000-0002-1825-0097",
        "institution": {
            "id": "I3001",
            "name": "Test University",
            "country": "NL",
            "ror": "04test001",
        },
        "since": 2021,
        "until": 2021,
    }


async def test_merged_ids_fold_into_their_new_id(empty: Database, snapshot: Path) -> None:
    works = next((snapshot / "works").rglob("*.gz"))
    await Loader(empty, on_error="skip").load(OpenAlexWorks(works))
    assert (await graph_counts(empty))["Researcher"] == 4  # A2004 still on its own
    summary = await Loader(empty, on_error="skip").load(
        OpenAlexWorks(works, merged_ids=snapshot / "merged_ids")
    )
    # A2004; the stub W1005 goes before the fold: W1003, read again, cites W1002 in its place,
    # and nothing else cites the stub
    assert summary.folded == 1
    assert await graph_counts(empty) == {
        **MERGED_COUNTS,
        # A2004 merged by the identity merge, recorded as the importer's (tests/ingest/
        # test_identity_import.py has the details)
        "Merged": 1,
        "MERGED_INTO": 1,
        "IdentityEvent": 1,
        "CONCERNS": 2,
        "User": 1,
    }
    records, _, _ = await empty.driver.execute_query(
        "MATCH (r:Researcher {id: 'A2003'})-[a:AFFILIATED_WITH]->(:Institution {id: 'I3002'}) "
        "RETURN a.since AS since, a.until AS until, "
        "[(r)-[:AUTHORED]->(p) | p.id] AS works, EXISTS { (:Researcher {id: 'A2004'}) } AS old"
    )
    row = records[0]
    assert (row["since"], row["until"], sorted(row["works"]), row["old"]) == (
        2019,
        2022,
        ["W1002", "W1003"],
        False,
    )
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper)-[:CITES]->(q:Paper) RETURN p.id AS p, q.id AS q ORDER BY p"
    )
    assert [(r["p"], r["q"]) for r in records] == [("W1001", "W1002"), ("W1003", "W1002")]
    records, _, _ = await empty.driver.execute_query(
        "MATCH (:Paper {id: 'W1001'})-[:CITES]->(s:Stub) RETURN s.id AS id"
    )
    assert [r["id"] for r in records] == ["W1999"]


async def test_a_fresh_load_with_merged_ids(
    empty: Database, snapshot: Path, client: httpx.AsyncClient
) -> None:
    works = next((snapshot / "works").rglob("*.gz"))
    summary = await Loader(empty, on_error="skip").load(
        OpenAlexWorks(works, merged_ids=snapshot / "merged_ids")
    )
    assert summary.folded == 0
    # A2004, folded into A2003 while read, is kept as an absorbed id of A2003 (no event: the
    # graph never held it as a record of its own)
    assert await graph_counts(empty) == {**MERGED_COUNTS, "Merged": 1, "MERGED_INTO": 1}
    answer = await data(
        client,
        '{ researcher(id: "A2004") { id name mergedIds } node(id: "A2004") { id } '
        'nodes(ids: ["A2004", "A2003"]) { id } }',
    )
    assert answer == {
        "researcher": {"id": "A2003", "name": "Cleo Coder-Test", "mergedIds": ["A2004"]},
        "node": {"id": "A2003"},
        "nodes": [{"id": "A2003"}, {"id": "A2003"}],
    }
    before = await graph_hash(empty)
    await Loader(empty, on_error="skip").load(
        OpenAlexWorks(works, merged_ids=snapshot / "merged_ids")
    )
    assert await graph_hash(empty) == before
