"""Real OpenAlex records of both schema generations (tests/fixtures/openalex/real/README.md)."""

from __future__ import annotations

import gzip
import json
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.snapshot import OpenAlexFile
from bzpeer_graphql.ingest.source import LoadError
from bzpeer_graphql.ingest.summary import LoadSummary
from tests.helpers import data, graph_counts, wipe
from tests.ingest.test_openalex_snapshot import graph_hash

REAL = Path(__file__).parent.parent / "fixtures" / "openalex" / "real"
WORK = "W2741809807"
#: the 2022 work alone: 9 authors under their retired ids, 7 institutions, 4 concepts, 34
#: references (waiting as stubs), a stint per author and institution named on the work
OLD_COUNTS = {
    "Paper": 1,
    "Researcher": 9,
    "Institution": 7,
    "Topic": 4,
    "Stub": 34,
    "AUTHORED": 9,
    "AFFILIATED_WITH": 12,
    "ABOUT": 4,
    "CITES": 34,
    "COAUTHOR": 72,
    "RELATED": 12,
    "WORKS_ON": 36,
}


def real(name: str) -> dict[str, Any]:
    """The one record of a fixture file."""
    record: dict[str, Any] = json.loads((REAL / name).read_text(encoding="utf-8"))
    return record


def write(path: Path, records: list[Any]) -> Path:
    """JSON Lines; a bytes item is written as it is (a line that is not UTF-8)."""
    with open(path, "wb") as out:
        for record in records:
            out.write(record if isinstance(record, bytes) else json.dumps(record).encode())
            out.write(b"\n")
    return path


def lines(summary: LoadSummary) -> dict[str, str]:
    """The summary's lines by their label (`papers`, `bad lines`, `notes`...)."""
    return {
        line.split(":", 1)[0].strip(): line.split(":", 1)[1].strip()
        for line in summary.lines()[:-1]
    }


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def test_the_2022_record_with_scores_as_strings_loads_in_fail_mode(
    empty: Database, client: httpx.AsyncClient
) -> None:
    summary = await Loader(empty).load(OpenAlexFile(REAL / "works-2022.jsonl"))
    assert (summary.skipped, summary.notes) == (0, [])
    assert await graph_counts(empty) == OLD_COUNTS
    records, _, _ = await empty.driver.execute_query(
        "MATCH (:Paper {id: $id})-[a:ABOUT]->(t:Topic) RETURN t.id AS id, t.name AS name, "
        "a.score AS score, t.level AS level ORDER BY a.score DESC",
        id=WORK,
    )
    assert [tuple(r.values()) for r in records] == [
        ("C2778805511", "Citation", 0.4473064, 2),
        ("C178315738", "Bibliometrics", 0.44480205, 2),
        ("C2777462167", "Scholarly communication", 0.44104964, 3),
        ("C525823164", "Scientometrics", 0.43013373, 2),
    ]
    answer = await data(
        client,
        '{ paper(id: "W2741809807") { title year type typeOriginal venue doi pmid '
        "openAccessStatus authors { id name orcid } } }",
    )
    paper = answer["paper"]
    assert {k: v for k, v in paper.items() if k != "authors"} == {
        "title": "The state of OA: a large-scale analysis of the prevalence and impact of Open "
        "Access articles",
        "year": 2018,
        "type": "ARTICLE",
        "typeOriginal": "journal-article",
        "venue": "PeerJ",
        "doi": "10.7717/peerj.4375",
        "pmid": "29456894",
        "openAccessStatus": "gold",
    }
    assert paper["authors"][:2] == [
        {"id": "A1969205032", "name": "Heather A. Piwowar", "orcid": "0000-0003-1613-5981"},
        {"id": "A2208157607", "name": "Jason Priem", "orcid": "0000-0001-6187-6610"},
    ]


async def test_numbers_and_years_written_as_text_are_read(empty: Database, tmp_path: Path) -> None:
    work = real("works-2022.jsonl")  # derived: the year and a citation count as text
    work["publication_year"] = "2018"
    work["cited_by_count"] = "394"
    work["counts_by_year"] = [{"year": "2021", "cited_by_count": "108"}]
    await Loader(empty).load(OpenAlexFile(write(tmp_path / "w.jsonl", [work])))
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper {id: $id}) RETURN p.year AS year, p.openAlexCitedByCount AS cited, "
        "p.countsByYear AS counts",
        id=WORK,
    )
    assert records[0].data() == {"year": 2018, "cited": 394, "counts": [2021, 108]}
    await wipe(empty)  # (else the work's Jason Priem and this one merge by their ORCID)
    author = real("authors-2025.jsonl")  # derived: the years of a stint as text
    author["affiliations"] = [{"institution": author["affiliations"][0]["institution"],
                               "years": ["2023", "2022", 2021, "2019"]}]  # fmt: skip
    await Loader(empty).load(OpenAlexFile(write(tmp_path / "a.jsonl", [author]), entity="authors"))
    records, _, _ = await empty.driver.execute_query(
        "MATCH (:Researcher {id: 'A5023888391'})-[a:AFFILIATED_WITH]->(i:Institution) "
        "RETURN i.id AS id, a.since AS since, a.until AS until, a.current AS current "
        "ORDER BY since"
    )
    assert [tuple(r.values()) for r in records] == [
        ("I4200000001", 2019, 2019, False),
        ("I4200000001", 2021, 2023, True),
    ]


def test_a_bad_byte_in_a_gzipped_file_is_its_line_alone(tmp_path: Path) -> None:
    path = tmp_path / "w.jsonl.gz"
    with gzip.open(path, "wb") as out:
        out.write(b'{"a": 1}\n{"b": "\xc3\x28"}\n\n{"c": 3}\n')
    read = [(n, str(v) if isinstance(v, ValueError) else v) for n, v in jsonl.read(path)]
    assert read == [
        (1, {"a": 1}),
        (2, "not valid UTF-8: byte 0xc3 at byte 8 of the line"),
        (4, {"c": 3}),
    ]


async def test_a_value_that_cannot_be_read_names_its_line_and_field(
    empty: Database, tmp_path: Path
) -> None:
    good = real("works-2022.jsonl")
    bad_score = real("works-2022.jsonl")
    bad_score["id"] = "https://openalex.org/W1"
    bad_score["concepts"][2]["score"] = "0.44 or so"
    bad_year = real("works-2025.jsonl")
    bad_year["id"] = "https://openalex.org/W2"
    bad_year["publication_year"] = "2018.5"
    path = write(tmp_path / "w.jsonl", [good, bad_score, bad_year])
    expected = [
        "line 2: work W1: field concepts[2].score: expected number or null, got string "
        "'0.44 or so'",
        "line 3: work W2: field publication_year: expected integer or null, got string '2018.5'",
    ]
    with pytest.raises(LoadError) as failure:
        await Loader(empty).load(OpenAlexFile(path))
    assert [str(e) for e in failure.value.errors] == expected
    assert await graph_counts(empty) == {}
    summary = await Loader(empty, on_error="skip").load(OpenAlexFile(path))
    assert [str(e) for e in summary.errors] == expected
    assert (summary.records, summary.skipped, summary.counts["paper"].created) == (3, 2, 1)


async def test_an_older_version_of_a_stored_work_writes_nothing(
    empty: Database, tmp_path: Path
) -> None:
    first = await Loader(empty).load(OpenAlexFile(REAL / "works-2025.jsonl"))
    assert (first.counts["paper"].created, first.counts["researcher"].created) == (1, 9)
    before = await graph_hash(empty)
    counts = await graph_counts(empty)
    older = await Loader(empty).load(OpenAlexFile(REAL / "works-2022.jsonl"))
    assert lines(older) == {
        "papers": "0 created, 0 updated, 0 skipped, 1 unchanged (stored version as new or newer)"
    }
    assert (older.orcid_merged, older.folded) == (0, 0)
    assert await graph_hash(empty) == before
    assert await graph_counts(empty) == counts
    # the same two versions in one file, older first: the same graph as the newer alone
    await wipe(empty)
    both = write(tmp_path / "both.jsonl", [real("works-2022.jsonl"), real("works-2025.jsonl")])
    await Loader(empty).load(OpenAlexFile(both))
    assert await graph_hash(empty) == before


async def test_an_older_version_of_a_stored_author_writes_nothing(
    empty: Database, tmp_path: Path
) -> None:
    await Loader(empty).load(OpenAlexFile(REAL / "authors-2025.jsonl", entity="authors"))
    before = await graph_hash(empty)
    older = real("authors-2025.jsonl")  # derived: dated earlier, at an institution not stored
    older["updated_date"] = "2022-01-01"
    older["last_known_institutions"] = [
        {"id": "https://openalex.org/I114027177", "display_name": "UNC Chapel Hill"}
    ]
    summary = await Loader(empty).load(
        OpenAlexFile(write(tmp_path / "a.jsonl", [older]), entity="authors")
    )
    assert lines(summary) == {
        "researchers": "0 created, 0 updated, 0 skipped, 1 unchanged (stored version as new or "
        "newer)"
    }
    assert await graph_hash(empty) == before


async def test_a_newer_version_after_the_older_keeps_the_retired_ids_that_share_an_orcid(
    empty: Database, client: httpx.AsyncClient
) -> None:
    await Loader(empty).load(OpenAlexFile(REAL / "works-2022.jsonl"))
    newer = await Loader(empty).load(OpenAlexFile(REAL / "works-2025.jsonl"))
    assert lines(newer)["papers"] == "0 created, 1 updated, 0 skipped"
    # the 2022 authors lost their one work; the eight with an ORCID the 2025 authors carry too
    # are merged with them, Ashley Farley's retired id (no ORCID in 2022) goes with the version
    assert newer.orcid_merged == 8
    counts = await graph_counts(empty)
    assert (counts["Researcher"], counts["AUTHORED"], counts["Topic"]) == (9, 9, 3)
    answer = await data(
        client,
        '{ piwowar: researcher(id: "A1969205032") { orcid works { totalCount } } '
        'farley: researcher(id: "A2741153153") { id } '
        'paper(id: "W2741809807") { authors { orcid } } }',
    )
    assert answer["piwowar"] == {"orcid": "0000-0003-1613-5981", "works": {"totalCount": 1}}
    assert answer["farley"] is None
    assert [a["orcid"] for a in answer["paper"]["authors"]][:3] == [
        "0000-0003-1613-5981",
        "0000-0001-6187-6610",
        "0000-0002-2733-0689",
    ]


def numbered_copies(work: dict[str, Any], count: int) -> list[dict[str, Any]]:
    """`count` copies of a real work under ids W1..Wcount (derived records)."""
    return [{**work, "id": f"https://openalex.org/W{n}"} for n in range(1, count + 1)]


@pytest.mark.parametrize("bad_line", [100, 2])
async def test_a_bad_byte_costs_its_line_only(
    empty: Database, tmp_path: Path, bad_line: int
) -> None:
    work = real("works-2025.jsonl")
    work["referenced_works"] = []
    records: list[Any] = list(numbered_copies(work, 150))
    records[bad_line - 1] = json.dumps(records[bad_line - 1]).encode().replace(b"OA", b"\xffA", 1)
    path = write(tmp_path / "w.jsonl", records)
    message = f"line {bad_line}: not valid UTF-8: byte 0xff at byte "
    with pytest.raises(LoadError) as failure:
        await Loader(empty).load(OpenAlexFile(path))
    assert [str(e)[: len(message)] for e in failure.value.errors] == [message]
    assert await graph_counts(empty) == {}
    summary = await Loader(empty, on_error="skip").load(OpenAlexFile(path))
    assert [str(e)[: len(message)] for e in summary.errors] == [message]
    assert (summary.records, summary.skipped, summary.unreadable) == (150, 1, 1)
    assert lines(summary)["papers"] == "149 created, 0 updated, 0 skipped"
    assert lines(summary)["bad lines"] == (
        "1 skipped (1 not JSON, 0 with a wrong field or reference)"
    )
    assert (await graph_counts(empty))["Paper"] == 149


async def test_text_past_its_limit_is_cut_and_reported(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    work = real("works-2025.jsonl")  # derived: a 5 MB title, a long abstract and name
    work["title"] = "State of OA " * 436_907
    work["abstract_inverted_index"] = {f"w{n}": [n] for n in range(3_000)}
    work["authorships"][1]["author"]["display_name"] = "Jason Priem " * 100
    summary = await Loader(empty).load(OpenAlexFile(write(tmp_path / "w.jsonl", [work])))
    assert [str(n) for n in summary.notes] == [
        "line 1: researcher A5023888391: name cut from 1,200 to 500 characters",
        "line 1: paper W2741809807: title cut from 5,242,884 to 2,000 characters",
        "line 1: paper W2741809807: abstract cut from 16,889 to 10,000 characters",
    ]
    assert lines(summary)["notes"] == (
        "3 on 1 loaded line(s) (a field cut at its limit, a work without authors or title)"
    )
    records, _, _ = await empty.driver.execute_query(
        "MATCH (p:Paper {id: $id}) MATCH (r:Researcher {id: 'A5023888391'}) "
        "RETURN size(p.title) AS title, size(p.abstract) AS abstract, size(r.name) AS name",
        id=WORK,
    )
    assert records[0].data() == {"title": 2_000, "abstract": 10_000, "name": 500}
    answer = await data(
        client,
        '{ paper(id: "W2741809807") { title abstract } '
        'researcher(id: "A5023888391") { works(first: 20) { edges { node { title } } } } }',
    )
    assert len(answer["paper"]["title"]) == 2_000
    assert [len(e["node"]["title"]) for e in answer["researcher"]["works"]["edges"]] == [2_000]


async def test_a_work_with_null_authorships_or_title_loads_with_a_note(
    empty: Database, tmp_path: Path, client: httpx.AsyncClient
) -> None:
    no_authors = real("works-2025.jsonl")  # derived records
    no_authors["authorships"] = None
    no_title = real("works-2022.jsonl")
    no_title.update(id="https://openalex.org/W1", title=None, display_name=None)
    no_title["authorships"][0]["author"]["id"] = None
    summary = await Loader(empty).load(
        OpenAlexFile(write(tmp_path / "w.jsonl", [no_authors, no_title]))
    )
    assert [str(n) for n in summary.notes] == [
        "line 1: work W2741809807: authorships is null: loaded without authors",
        "line 2: work W1: authorships[0] has no author id: left out",
        "line 2: work W1: title and display_name are null: loaded untitled",
    ]
    assert summary.counts["paper"].created == 2
    answer = await data(
        client,
        '{ a: paper(id: "W2741809807") { title authors { id } } '
        'b: paper(id: "W1") { id title authors { id } } }',
    )
    assert answer["a"]["authors"] == []
    assert answer["b"]["title"] is None  # `Paper.title` is null for an untitled work
    assert len(answer["b"]["authors"]) == 8
