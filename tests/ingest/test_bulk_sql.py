"""The DuckDB statements of a bulk build (sql/bulk/): each file is described and run by a
build, and a statement rendered without one of its slots, or with one it lacks, fails."""

from __future__ import annotations

import json
from pathlib import Path

import duckdb
import pytest

from bzpeer_graphql.ingest.bulk import pairs, prefilter, sql
from bzpeer_graphql.ingest.bulk.convert import convert
from bzpeer_graphql.ingest.bulk.stage import TABLES, stage
from bzpeer_graphql.ingest.bulk.timing import Steps
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.resources import project_dir

#: with a crowd bound of two: Maria Kowalski is crowded (her key, the other order's), Maria
#: Kowalska is not and meets her by the near key; a coauthor links them
PEOPLE = [
    ("kowalska", "Maria Kowalska"),
    ("kowalski", "Maria Kowalski"),
    ("kowalski-maria", "Kowalski Maria"),
    ("quill", "Xavier Quill"),
]
PAPERS = [("p", 2020, ["kowalska", "quill"]), ("q", None, ["quill", "kowalski"])]


def test_every_statement_starts_with_a_comment() -> None:
    for name in sql.names():
        text = (project_dir("sql") / "bulk" / f"{name}.sql").read_text()
        assert text.startswith("-- "), name


def test_a_bulk_build_runs_every_statement(tmp_path: Path, monkeypatch: pytest.MonkeyPatch) -> None:
    loaded: set[str] = set()
    load = sql.load

    def spy(name: str) -> str:
        loaded.add(name)
        return load(name)

    monkeypatch.setattr(sql, "load", spy)
    monkeypatch.setattr(pairs, "CROWD", 2)  # crowded records without hundreds of them
    monkeypatch.setattr(prefilter, "CROWD", 2)
    source = tmp_path / "people.jsonl"
    records = [{"kind": "researcher", "id": key, "name": name} for key, name in PEOPLE] + [
        {"kind": "paper", "id": key, "title": f"On {key}", "year": year, "authors": authors}
        for key, year, authors in PAPERS
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    work = tmp_path / "work"
    (work / "import").mkdir(parents=True)
    stage(BzpeerFile(source), work, lambda done, total: None)
    assert {path.name for path in work.glob("*.jsonl")} >= {"nodes.jsonl", "papers.jsonl"}
    done = convert(work, work / "import")
    # each staging file is read once and then deleted: the disk bounds a large build
    assert [path.name for path in work.glob("*.jsonl") if path.name.startswith(tuple(TABLES))] == []
    assert done.pairs is not None
    assert (
        sum(len(batch) for batch in pairs.pair_batches(done.pairs, 10))
        == done.counts["DUPLICATE_CANDIDATE"]
    )
    con = duckdb.connect(str(work / "work.duckdb"))
    try:
        (tmp_path / "full").mkdir()
        pairs.duplicate_candidates(con, tmp_path / "full", Steps(log=lambda _: None), False)
    finally:
        con.close()
    assert set(sql.names()) - loaded == set()
    assert loaded - set(sql.names()) == set()


def test_a_missing_or_unknown_slot_fails() -> None:
    assert sql.render("count", table="res") == "SELECT count(*) FROM res"
    with pytest.raises(sql.SlotError, match="table"):
        sql.render("count")
    with pytest.raises(sql.SlotError, match="kind"):
        sql.render("count", table="res", kind="researcher")
    with pytest.raises(LookupError):
        sql.load("no_such_statement")
