"""Node ids are unique across kinds: every importer refuses a record giving a node the id of
another kind, in the file or in the graph, and leaves the graph as it was for that batch."""

from __future__ import annotations

import json
from pathlib import Path
from typing import Any

import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.snapshot import OpenAlexFile
from bzpeer_graphql.ingest.source import LoadError
from tests.helpers import graph_counts, graph_digest, wipe
from tests.ingest.openalex_records import authorship, newer_work

#: what is in the graph before each load
GRAPH = [
    {"kind": "researcher", "id": "res-1", "name": "Ada One"},
    {"kind": "researcher", "id": "res-2", "name": "Bo Two"},
    {"kind": "topic", "id": "topic-x", "name": "Topic X"},
    {"kind": "paper", "id": "pap-1", "title": "First", "year": 2020, "authors": ["res-1", "res-2"]},
]
GRAPH_COUNTS = {"Researcher": 2, "Topic": 1, "Paper": 1, "AUTHORED": 2, "COAUTHOR": 2}
#: a file giving a paper a researcher's id (in the graph) and an institution a topic's (the
#: file's own line 1), and two good lines
CLASHING = [
    {"kind": "topic", "id": "topic-y", "name": "Topic Y"},
    {"kind": "paper", "id": "res-1", "title": "A paper under a researcher's id"},
    {"kind": "institution", "id": "topic-y", "name": "An institution under a topic's id"},
    {
        "kind": "paper",
        "id": "pap-2",
        "title": "Second",
        "year": 2021,
        "authors": ["res-1"],
        "topics": [{"id": "topic-y", "score": 1.0}],
    },
    {"kind": "paper", "id": "pap-3", "title": "Third", "year": 2022, "references": ["res-1"]},
]
CLASHES = [
    (
        2,
        "paper 'res-1' has the id of a researcher in the graph (ids are unique across kinds)",
    ),
    (
        3,
        "institution 'topic-y' has the id of the topic on line 1 (ids are unique across kinds)",
    ),
    # the refused paper is not there to cite
    (5, "refers to paper 'res-1', which is neither in the input nor in the graph"),
]


def write_jsonl(path: Path, rows: list[dict[str, Any]]) -> Path:
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    return path


@pytest.fixture
async def graph(db: Database, tmp_path: Path) -> Database:
    await wipe(db)
    await Loader(db).load(BzpeerFile(write_jsonl(tmp_path / "graph.jsonl", GRAPH)))
    assert await graph_counts(db) == GRAPH_COUNTS
    return db


async def test_a_file_reusing_ids_of_other_kinds_fails_and_writes_nothing(
    graph: Database, tmp_path: Path
) -> None:
    before = await graph_digest(graph)
    source = BzpeerFile(write_jsonl(tmp_path / "clashing.jsonl", CLASHING))
    with pytest.raises(LoadError) as failure:
        await Loader(graph).load(source)
    assert [(e.line, e.message) for e in failure.value.errors] == CLASHES
    assert str(failure.value).startswith(
        "3 bad record(s), nothing written: line 2: paper 'res-1' has the id of a researcher in "
        "the graph (ids are unique across kinds)"
    )
    assert await graph_digest(graph) == before


async def test_skipped_clashing_lines_leave_the_good_ones_and_a_rerun_changes_nothing(
    graph: Database, tmp_path: Path
) -> None:
    source = BzpeerFile(write_jsonl(tmp_path / "clashing.jsonl", CLASHING))
    first = await Loader(graph, on_error="skip").load(source)
    assert [(e.line, e.message) for e in first.errors] == CLASHES
    assert await graph_counts(graph) == {
        **GRAPH_COUNTS,
        "Topic": 2,  # topic-y
        "Paper": 2,  # pap-2; res-1 and pap-3 refused
        "AUTHORED": 3,
        "ABOUT": 1,
        "WORKS_ON": 1,  # res-1 to topic-y
    }
    kinds, _, _ = await graph.driver.execute_query(
        "MATCH (n {id: $id}) RETURN labels(n) AS labels", id="res-1"
    )
    assert [r["labels"] for r in kinds] == [["Researcher"]]
    after = await graph_digest(graph)
    second = await Loader(graph, on_error="skip").load(source)
    assert [(e.line, e.message) for e in second.errors] == CLASHES
    assert await graph_digest(graph) == after


def _work(wid: str, author: str) -> dict[str, Any]:
    """A small OpenAlex work with one author and no topics."""
    return newer_work(
        wid,
        "2025-01-01",
        authorships=[authorship(author, f"Author {author}", "first", [])],
        corresponding_author_ids=[],
        primary_topic=None,
        topics=[],
        keywords=[],
    )


#: works: a good one, one whose author has a topic's id (in the graph), one whose author has the
#: first work's id
WORKS = [_work("W1", "A1"), _work("W2", "topic-x"), _work("W3", "W1")]


@pytest.mark.parametrize(
    ("batch_size", "third"),
    [
        (1000, "researcher 'W1' has the id of the paper on line 1"),
        (1, "researcher 'W1' has the id of a paper in the graph"),  # line 1's batch is written
    ],
)
async def test_openalex_works_naming_an_author_by_another_kinds_id_are_skipped(
    graph: Database, tmp_path: Path, batch_size: int, third: str
) -> None:
    await Loader(graph).load(OpenAlexFile(write_jsonl(tmp_path / "w1.jsonl", WORKS[:1])))
    only_the_good_work = await graph_digest(graph)
    await wipe(graph)
    await Loader(graph).load(BzpeerFile(write_jsonl(tmp_path / "graph.jsonl", GRAPH)))
    source = OpenAlexFile(write_jsonl(tmp_path / "works.jsonl", WORKS))
    summary = await Loader(graph, batch_size=batch_size, on_error="skip").load(source)
    assert [(e.line, e.message) for e in summary.errors] == [
        (
            2,
            "researcher 'topic-x' has the id of a topic in the graph (ids are unique across kinds)",
        ),
        (3, f"{third} (ids are unique across kinds)"),
    ]
    assert (summary.counts["paper"].written, summary.counts["paper"].skipped) == (1, 2)
    assert await graph_digest(graph) == only_the_good_work
    await Loader(graph, batch_size=batch_size, on_error="skip").load(source)
    assert await graph_digest(graph) == only_the_good_work


async def test_an_openalex_batch_with_a_clash_fails_whole(graph: Database, tmp_path: Path) -> None:
    before = await graph_digest(graph)
    source = OpenAlexFile(write_jsonl(tmp_path / "works.jsonl", WORKS))
    with pytest.raises(LoadError) as failure:
        await Loader(graph).load(source)
    assert str(failure.value) == (
        "2 bad record(s), not written from this batch on (the batches before it are): "
        "line 2: researcher 'topic-x' has the id of a topic in the graph (ids are unique across "
        "kinds); line 3: researcher 'W1' has the id of the paper on line 1 (ids are unique "
        "across kinds)"
    )
    assert await graph_digest(graph) == before
