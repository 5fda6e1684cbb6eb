"""The one writer: idempotent, transactional per batch, clear about bad records."""

from __future__ import annotations

import json
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path
from typing import Any

import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Loaded, Numbered, PartEnd, RecordError
from bzpeer_graphql.ingest.source import LoadError
from tests.helpers import graph_counts, wipe

GOOD = [
    {"kind": "institution", "id": "inst-a", "name": "Institute A", "country": "NL"},
    {"kind": "topic", "id": "topic-x", "name": "Topic X"},
    {"kind": "researcher", "id": "res-1", "name": "Ada One"},
    {"kind": "researcher", "id": "res-2", "name": "Bo Two", "openToCollaborate": True},
    {
        "kind": "affiliation",
        "researcher": "res-1",
        "institution": "inst-a",
        "current": True,
        "since": 2019,
    },
    {
        "kind": "paper",
        "id": "pap-1",
        "title": "First",
        "year": 2020,
        "authors": ["res-1", "res-2"],
        "topics": [{"id": "topic-x", "score": 0.5}],
    },
    {
        "kind": "paper",
        "id": "pap-2",
        "title": "Second",
        "year": 2021,
        "authors": ["res-2"],
        "references": ["pap-1"],
    },
]
GOOD_COUNTS = {
    "Institution": 1,
    "Topic": 1,
    "Researcher": 2,
    "Paper": 2,
    "AUTHORED": 3,
    "ABOUT": 1,
    "AFFILIATED_WITH": 1,
    "CITES": 1,
    "COAUTHOR": 2,  # res-1 and res-2 share pap-1, both ways
    "WORKS_ON": 2,  # res-1 and res-2 to pap-1's topic
}


def write_jsonl(path: Path, rows: list[Any]) -> Path:
    path.write_text("".join((r if isinstance(r, str) else json.dumps(r)) + "\n" for r in rows))
    return path


@pytest.fixture
async def empty(db: Database) -> Database:
    await wipe(db)
    return db


async def test_loading_twice_leaves_the_same_graph(empty: Database, tmp_path: Path) -> None:
    source = BzpeerFile(write_jsonl(tmp_path / "g.jsonl", GOOD))
    first = await Loader(empty, batch_size=2).load(source)
    assert await graph_counts(empty) == GOOD_COUNTS
    second = await Loader(empty, batch_size=2).load(source)
    assert await graph_counts(empty) == GOOD_COUNTS
    assert (first.counts["paper"].created, first.counts["paper"].updated) == (2, 0)
    assert (second.counts["paper"].created, second.counts["paper"].updated) == (0, 2)


async def test_authorship_order_is_kept_and_replaced(empty: Database, tmp_path: Path) -> None:
    await Loader(empty).load(BzpeerFile(write_jsonl(tmp_path / "a.jsonl", GOOD)))
    changed = [*GOOD[:5], {**GOOD[5], "authors": ["res-2", "res-1"], "topics": []}]
    await Loader(empty).load(BzpeerFile(write_jsonl(tmp_path / "b.jsonl", changed)))
    records, _, _ = await empty.driver.execute_query(
        "MATCH (r:Researcher)-[a:AUTHORED]->(:Paper {id: 'pap-1'}) "
        "RETURN r.id AS id, a.position AS position ORDER BY position"
    )
    assert [(r["id"], r["position"]) for r in records] == [("res-2", 1), ("res-1", 2)]
    assert "ABOUT" not in await graph_counts(empty)


BAD = [
    *GOOD,
    {"kind": "paper", "title": "No id", "authors": ["res-1"]},  # line 8
    {"kind": "paper", "id": "pap-3", "title": "Bad year", "year": "2020"},  # line 9
    {"kind": "paper", "id": "pap-4", "title": "Ghost author", "authors": ["res-404"]},  # line 10
    "{not json",  # line 11
    {"kind": "grant", "id": "g-1"},  # line 12
]


async def test_bad_records_fail_the_run_before_anything_is_written(
    empty: Database, tmp_path: Path
) -> None:
    source = BzpeerFile(write_jsonl(tmp_path / "bad.jsonl", BAD))
    with pytest.raises(LoadError) as failure:
        await Loader(empty).load(source)
    assert [(e.line, e.message) for e in failure.value.errors] == [
        (8, "paper: missing id"),
        (9, "paper.year: expected integer, got '2020'"),
        (10, "refers to researcher 'res-404', which is neither in the input nor in the graph"),
        (
            11,
            "not valid JSON: Expecting property name enclosed in double quotes: "
            "line 1 column 2 (char 1)",
        ),
        (
            12,
            "unknown kind 'grant' (expected one of institution, topic, researcher, "
            "affiliation, paper)",
        ),
    ]
    assert await graph_counts(empty) == {}


async def test_bad_records_can_be_skipped(empty: Database, tmp_path: Path) -> None:
    source = BzpeerFile(write_jsonl(tmp_path / "bad.jsonl", BAD))
    summary = await Loader(empty, on_error="skip").load(source)
    assert [e.line for e in summary.errors] == [8, 9, 10, 11, 12]
    assert summary.counts["paper"].written == 2
    assert summary.counts["paper"].skipped == 1  # the ghost author's paper
    assert (summary.skipped, summary.unreadable) == (5, 1)  # only line 11 is not JSON
    assert await graph_counts(empty) == GOOD_COUNTS


async def test_references_to_the_graph_resolve(empty: Database, tmp_path: Path) -> None:
    await Loader(empty).load(BzpeerFile(write_jsonl(tmp_path / "a.jsonl", GOOD)))
    later = [
        {
            "kind": "paper",
            "id": "pap-9",
            "title": "Later",
            "authors": ["res-1"],
            "references": ["pap-2"],
        }
    ]
    await Loader(empty).load(BzpeerFile(write_jsonl(tmp_path / "b.jsonl", later)))
    counts = await graph_counts(empty)
    assert (counts["Paper"], counts["CITES"], counts["AUTHORED"]) == (3, 2, 4)


@dataclass
class Interrupted:
    """A source whose write pass dies after `stop_after` records, like a killed process."""

    inner: BzpeerFile
    stop_after: int
    passes: int = 0
    self_contained: bool = False

    def redirects(self) -> dict[str, dict[str, str]]:
        return {}

    def expected_records(self, loaded: Loaded | None = None) -> int | None:
        return None

    def records(self, loaded: Loaded | None = None) -> Iterator[Numbered | RecordError | PartEnd]:
        self.passes += 1
        for count, item in enumerate(self.inner.records(), start=1):
            if self.passes == 2 and count > self.stop_after:
                raise KeyboardInterrupt
            yield item
        if self.passes == 2:  # the writer takes a line once it sees the next one begin
            raise KeyboardInterrupt


async def test_an_interrupted_load_reruns_to_the_same_graph(
    empty: Database, tmp_path: Path
) -> None:
    source = BzpeerFile(write_jsonl(tmp_path / "g.jsonl", GOOD))
    with pytest.raises(KeyboardInterrupt):
        await Loader(empty, batch_size=1).load(
            Interrupted(source, stop_after=7)
        )  # dies reading line 8
    partial = await graph_counts(empty)
    assert partial["Paper"] == 1 and partial["AUTHORED"] == 2  # pap-1 whole, pap-2 not at all
    await Loader(empty, batch_size=1).load(source)
    assert await graph_counts(empty) == GOOD_COUNTS
