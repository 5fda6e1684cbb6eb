"""The duplicate candidate pass of a bulk build: the first filter of its name blocks keeps
exactly the pairs the full test keeps (no Neo4j: the conversion alone)."""

from __future__ import annotations

import csv
import json
from pathlib import Path

import duckdb

from bzpeer_graphql.ingest.bulk.columns import ARRAY_DELIMITER
from bzpeer_graphql.ingest.bulk.convert import convert
from bzpeer_graphql.ingest.bulk.pairs import duplicate_candidates
from bzpeer_graphql.ingest.bulk.stage import stage
from bzpeer_graphql.ingest.bulk.timing import Steps
from bzpeer_graphql.ingest.bzpeer import BzpeerFile

#: researchers whose long family names are near (the same first or last three letters, one
#: letter longer at most, the same initial): (id, name, ORCID)
PEOPLE = [
    ("kowalska", "Maria Kowalska", None),
    ("kowalski", "Maria Kowalski", None),  # one edit from kowalska, full given names: kept
    ("mark", "Mark Kowalski", None),  # 'mark' is not 'maria': dropped (both 'kowalski m')
    ("m-kowalski", "M. Kowalski", None),  # an initial: kept with either of them
    ("kowalczyk", "Maria Kowalczyk", None),  # three edits from kowalska: dropped
    ("bergmann", "Thomas Bergmann", None),
    ("vergman", "Thomas Vergman", None),  # found by the tail only: kept
    ("lindqvist", "Anna Lindqvist", None),  # the other order reads 'anna' twice, but
    ("lindgren", "Anna Lindgren", None),  # 'lindqvist' is not 'lindgren': dropped
    ("nowakowski", "Stefan Nowakowski", "0000-0002-1825-0097"),
    ("nowakowsky", "Stefan Nowakowsky", None),  # one ORCID only: the names decide, kept
    ("alexandra", "Alexandra Kowalczyk", "https://orcid.org/0000-0001-5109-3700"),
    ("alexander", "Alexander Kowalczuk", "0000-0001-5109-3700"),  # one ORCID: kept
    ("zielinski", "Piotr Zielinski", "0000-0002-1694-233X"),
    ("zielinsky", "Piotr Zielinsky", "0000-0003-1613-5981"),  # two ORCIDs: dropped
]
KEPT = {
    ("kowalska", "kowalski"): "NAME_SPELLING",
    ("bergmann", "vergman"): "NAME_SPELLING",
    ("nowakowski", "nowakowsky"): "NAME_SPELLING",
    ("kowalski", "m-kowalski"): "NAME_INITIALS",
    ("m-kowalski", "mark"): "NAME_INITIALS",
    ("alexander", "alexandra"): "SAME_ORCID",
}
DROPPED = {
    ("kowalski", "mark"),
    ("kowalska", "mark"),
    ("kowalczyk", "kowalska"),
    ("lindgren", "lindqvist"),
    ("zielinski", "zielinsky"),
}


def _converted(tmp_path: Path) -> duckdb.DuckDBPyConnection:
    """The converted graph of PEOPLE (one paper each), its DuckDB open."""
    source = tmp_path / "people.jsonl"
    records = [
        {"kind": "researcher", "id": key, "name": name, **({"orcid": orcid} if orcid else {})}
        for key, name, orcid in PEOPLE
    ] + [
        {"kind": "paper", "id": f"p-{key}", "title": f"On {key}", "year": 2020, "authors": [key]}
        for key, _, _ in PEOPLE
    ]
    source.write_text("".join(json.dumps(r) + "\n" for r in records), encoding="utf-8")
    work = tmp_path / "work"
    (work / "import").mkdir(parents=True)
    stage(BzpeerFile(source), work, lambda done, total: None)
    convert(work, work / "import")
    return duckdb.connect(str(work / "work.duckdb"))


def _pass(con: duckdb.DuckDBPyConnection, out: Path, prefilter: bool) -> tuple[str, set[tuple]]:
    """The relationship file the pair pass writes, and the pairs it tried."""
    out.mkdir()
    path, _ = duplicate_candidates(con, out, Steps(log=lambda _: None), prefilter=prefilter)
    tried = {tuple(row) for row in con.execute("SELECT a, b FROM tried").fetchall()}
    return path.read_text(encoding="utf-8"), tried


def test_the_block_prefilter_writes_the_same_pairs_and_drops_only_rejected_ones(
    tmp_path: Path,
) -> None:
    con = _converted(tmp_path)
    filtered, tried_filtered = _pass(con, tmp_path / "filtered", prefilter=True)
    full, tried_full = _pass(con, tmp_path / "full", prefilter=False)
    assert filtered == full
    written = {(row[0], row[1]): row[3] for row in list(csv.reader(full.splitlines()))[1:]}
    assert {pair: reasons.split(ARRAY_DELIMITER)[0] for pair, reasons in written.items()} == KEPT
    # the dropped pairs are pairs of one block the full pass tries and rejects
    assert tried_full >= DROPPED
    assert not DROPPED & tried_filtered
    # a spelling with an initial passes the first filter and is left to the full test
    assert tried_filtered == set(KEPT) | {("kowalska", "m-kowalski")}
    far = {("kowalczyk", "kowalski"), ("kowalczyk", "m-kowalski"), ("kowalczyk", "mark")}
    assert tried_full == tried_filtered | DROPPED | far
