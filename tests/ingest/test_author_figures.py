"""An OpenAlex author record's own counts and summary statistics, of every schema generation, kept
on the researcher beside the graph's counts (the real records of tests/fixtures/openalex/real)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.snapshot import OpenAlexFile
from bzpeer_graphql.ingest.source import LoadError
from tests.helpers import data, graph_counts, wipe
from tests.ingest.test_openalex_real import REAL, real, write
from tests.ingest.test_openalex_snapshot import graph_hash

PRIEM, PIWOWAR = "A5023888391", "A1969205032"
FIGURES = """query($id: ID!) { researcher(id: $id) { id name hIndex i10Index
  sourceStats { worksCount citedByCount hIndex i10Index meanCitedness2yr asOf } } }"""
#: Jason Priem's 2025 record: works_count, cited_by_count, summary_stats as the file has them
PRIEM_2025 = {
    "worksCount": 62,
    "citedByCount": 3890,
    "hIndex": 17,
    "i10Index": 20,
    "meanCitedness2yr": 6.0,
    "asOf": "2025-06-08T21:53:07.725446",
}


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def figures(client: httpx.AsyncClient, id: str) -> dict[str, Any]:
    researcher: dict[str, Any] = (await data(client, FIGURES, {"id": id}))["researcher"]
    return researcher


async def authors(db: Database, path: Path) -> None:
    await Loader(db).load(OpenAlexFile(path, entity="authors"))


async def test_both_generations_keep_the_figures_their_record_gives(
    empty: Database, client: httpx.AsyncClient
) -> None:
    await authors(empty, REAL / "authors-2025.jsonl")
    await authors(empty, REAL / "authors-2022.jsonl")
    priem = await figures(client, PRIEM)
    assert priem["sourceStats"] == PRIEM_2025
    # no work of his is in the graph: the graph's own indices are 0
    assert (priem["hIndex"], priem["i10Index"]) == (0, 0)
    piwowar = await figures(client, PIWOWAR)  # 2022: the two counts, no summary_stats yet
    assert piwowar["sourceStats"] == {
        "worksCount": 50,
        "citedByCount": 2691,
        "hIndex": None,
        "i10Index": None,
        "meanCitedness2yr": None,
        "asOf": "2022-03-09",
    }


async def test_the_2023_summary_stats_and_numbers_as_text_are_read(
    empty: Database, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    # derived: the 2025 record as the 2023 API laid it out (the counts inside summary_stats,
    # with its other figures) and its numbers written as text
    author = real("authors-2025.jsonl")
    del author["works_count"], author["cited_by_count"]
    author["summary_stats"] = {
        "2yr_mean_citedness": "6.0",
        "h_index": "17",
        "i10_index": 20,
        "oa_percent": 77.4,
        "works_count": "62",
        "cited_by_count": 3890,
        "2yr_works_count": 3,
        "2yr_cited_by_count": 880,
        "2yr_i10_index": 0,
        "2yr_h_index": 1,
    }
    await authors(empty, write(tmp_path / "a.jsonl", [author]))
    assert (await figures(client, PRIEM))["sourceStats"] == PRIEM_2025


async def test_a_figure_that_cannot_be_read_names_its_line_and_field(
    empty: Database, tmp_path: Path
) -> None:
    good = real("authors-2022.jsonl")
    worded = real("authors-2025.jsonl")  # derived: an h-index in words
    worded["summary_stats"]["h_index"] = "seventeen"
    negative = {**real("authors-2025.jsonl"), "id": "https://openalex.org/A5", "works_count": -1}
    path = write(tmp_path / "a.jsonl", [good, worded, negative])
    with pytest.raises(LoadError) as failure:
        await authors(empty, path)
    assert [str(e) for e in failure.value.errors] == [
        f"line 2: author {PRIEM}: field summary_stats.h_index: expected integer or null, got "
        "string 'seventeen'",
        "line 3: author A5: field works_count: expected a count of 0 or more, got number -1",
    ]
    assert await graph_counts(empty) == {}


async def test_an_older_record_leaves_the_newer_figures_and_a_reload_changes_nothing(
    empty: Database, client: httpx.AsyncClient, tmp_path: Path
) -> None:
    await authors(empty, REAL / "authors-2025.jsonl")
    before = await graph_hash(empty)
    await authors(empty, REAL / "authors-2025.jsonl")
    assert await graph_hash(empty) == before
    older = real("authors-2025.jsonl")  # derived: dated earlier, other figures
    older["updated_date"] = "2023-01-01"
    older["works_count"] = 40
    older["summary_stats"] = {"h_index": 9}
    await authors(empty, write(tmp_path / "a.jsonl", [older]))
    assert await graph_hash(empty) == before
    assert (await figures(client, PRIEM))["sourceStats"] == PRIEM_2025


async def test_a_researcher_named_only_by_works_has_no_source_figures(
    empty: Database, client: httpx.AsyncClient
) -> None:
    await Loader(empty).load(OpenAlexFile(REAL / "works-2025.jsonl"))
    assert await figures(client, PRIEM) == {
        "id": PRIEM,
        "name": "Jason Priem",
        "hIndex": 0,
        "i10Index": 0,
        "sourceStats": None,
    }
    # then his author record: the figures join the record the work made
    await authors(empty, REAL / "authors-2025.jsonl")
    assert (await figures(client, PRIEM))["sourceStats"] == PRIEM_2025
