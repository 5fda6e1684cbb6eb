"""The streaming pass of a bulk build: every input line turned into staging rows (JSON lines)
by the transactional writer's own functions, for DuckDB to choose versions and aggregate."""

from __future__ import annotations

import gzip
import io
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path
from typing import IO, Any

import orjson

from bzpeer_graphql.ingest import limits, routes
from bzpeer_graphql.ingest.batch import own_affiliations, properties, row
from bzpeer_graphql.ingest.identity import flatten
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Note,
    Numbered,
    Paper,
    PartEnd,
    Record,
    RecordError,
    Researcher,
    references,
)
from bzpeer_graphql.ingest.source import Source, lines_of

#: how much of a compressed input the line count reads before it estimates the rest
SAMPLE_BYTES = 1 << 26
#: the staging tables, one JSON-lines file each
TABLES = ("nodes", "papers", "affiliations", "refs", "parts", "folds")


@dataclass
class Staged:
    """What the pass read: lines, bad ones, notes, parts, and the merged ids it routed."""

    records: int = 0
    errors: list[RecordError] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    parts: int = 0
    #: {kind: {merged id: surviving id}} for kinds other than researchers (folded after)
    folds: dict[str, dict[str, str]] = field(default_factory=dict)


class Writers:
    """One buffered JSON-lines file per staging table (`<table><suffix>.jsonl`)."""

    def __init__(self, folder: Path, suffix: str = "") -> None:
        self.files: dict[str, IO[bytes]] = {
            t: (folder / f"{t}{suffix}.jsonl").open("wb", buffering=1 << 20) for t in TABLES
        }

    def put(self, table: str, values: dict[str, Any]) -> None:
        self.files[table].write(orjson.dumps(values) + b"\n")

    def close(self) -> None:
        for f in self.files.values():
            f.close()


def _landings(record: Record, redirects: dict[str, str]) -> dict[routes.Key, routes.Landing]:
    """Where the researcher ids a record writes land (the graph is new: merged_ids alone)."""
    out = {}
    for key in routes.keys([record]):
        if key[1] in redirects:
            out[key] = routes.Landing(redirects[key[1]], (key[1],))
    return out


def stage(source: Source, folder: Path, progress: Callable[[int, int], None]) -> Staged:
    """Reads the source once and writes the staging tables into `folder`."""
    redirects = source.redirects()
    people = flatten(redirects.get("researcher", {}))
    staged = Staged(folds={k: v for k, v in redirects.items() if k != "researcher" and v})
    total = source.expected_records({}) or lines_in(source)
    out = Writers(folder)
    seq = 0
    try:
        progress(0, total)
        for item in lines_of(source.records({})):
            if isinstance(item, PartEnd):
                out.put("parts", {"path": item.path, "size": item.size, "sha256": item.sha256})
                staged.parts += 1
            elif isinstance(item, Note):
                staged.notes.append(item)
            elif isinstance(item, RecordError):
                staged.records += 1
                staged.errors.append(item)
            else:
                seq += 1
                staged.records += 1
                put_line(out, item, seq, people, staged, not source.self_contained)
                if seq % 1000 == 0:
                    progress(staged.records, max(total, staged.records) if total else 0)
        progress(staged.records, staged.records)
    finally:
        out.close()
    return staged


def lines_in(source: Source) -> int:
    """The lines of a one-file source, for the ETA: counted in a plain file or a small
    compressed one; in a larger compressed file estimated from its first `SAMPLE_BYTES`
    (counting them all decompressed the whole input once more before the reading began: eight
    seconds of a 1M-work file). 0 when the source is not one file."""
    path = getattr(source, "path", None)
    if not isinstance(path, Path) or not path.is_file():
        return 0
    compressed = path.suffix == ".gz"
    count = seen = 0
    with path.open("rb") as raw:
        data: io.BufferedIOBase = gzip.GzipFile(fileobj=raw) if compressed else raw
        while chunk := data.read(1 << 24):
            count, seen = count + chunk.count(b"\n"), seen + len(chunk)
            if compressed and seen >= SAMPLE_BYTES:  # compressed bytes read so far: raw.tell()
                return round(count * path.stat().st_size / max(raw.tell(), 1))
    return count


def put_line(
    out: Writers,
    line: list[Numbered],
    seq: int,
    people: dict[str, str],
    staged: Staged,
    checked: bool,
) -> None:
    """The staging rows of one input line: its records, the last being the one the others
    came with."""
    owner = line[-1].record
    names = {n.record.id: n.record.name for n in line if isinstance(n.record, Researcher)}
    for numbered in line:
        record, cuts = limits.bounded(numbered.record)
        staged.notes += [Note(numbered.line, cut, numbered.where) for cut in cuts]
        landings = _landings(record, people) if people else {}
        moved = isinstance(record, Researcher) and (None, record.id) in landings
        if landings and not isinstance(record, Paper):
            [record] = routes.reroute([record], landings)
            if moved and not getattr(record, "partial", False):
                _put_fold(out, seq, numbered.record.id, record.id, names)
        for kind, ref in references(record) if checked else ():
            out.put("refs", {"seq": seq, "kind": kind, "id": ref, "line": numbered.line})
        came_with = None if numbered.record is owner else owner
        _put_record(out, record, (seq, numbered.line, numbered.where), came_with, landings, moved)
        if isinstance(record, Paper) and landings:
            _put_paper_folds(out, record, seq, landings, people, names)


def _put_record(
    out: Writers,
    record: Record,
    read: tuple[int, int, str],
    came_with: Record | None,
    landings: dict[routes.Key, routes.Landing],
    moved: bool,
) -> None:
    seq, line, where = read  # where the record was read: the input line's number and file
    if isinstance(record, Affiliation):
        out.put("affiliations", {"seq": seq, **row(record)})
        return
    if isinstance(record, Paper):
        paper = row(record)
        if landings:
            paper = routes.reroute_paper(paper, landings)
        out.put(
            "papers",
            {
                "seq": seq,
                "line": line,
                "file": where,
                "id": record.id,
                "date": record.updatedDate,
                "props": paper["props"],
                "authorships": paper["authorships"],
                "topics": paper["topics"],
                "refs": paper["references"],
            },
        )
        return
    partial = getattr(record, "partial", False)
    affiliations = own_affiliations(record) if isinstance(record, Researcher) else None
    out.put(
        "nodes",
        {
            "seq": seq,
            "line": line,
            "file": where,
            "kind": record.kind,
            "id": record.id,
            "partial": partial,
            "date": record.updatedDate,
            "owner_kind": came_with.kind if came_with is not None else None,
            "owner_id": came_with.id if came_with is not None else None,
            "props": properties(record, with_keys=False),
            "affiliations": affiliations,
            "moved": moved,
        },
    )


def _put_fold(out: Writers, seq: int, old: str, new: str, names: dict[str, str | None]) -> None:
    """A researcher id merged_ids folded into `new` while reading: kept as an absorbed record
    (cypher/ingest/record_folds.cypher) unless the graph holds the id otherwise."""
    out.put("folds", {"seq": seq, "old": old, "new": new, "name": names.get(old)})


def _put_paper_folds(
    out: Writers,
    paper: Paper,
    seq: int,
    landings: dict[routes.Key, routes.Landing],
    people: dict[str, str],
    names: dict[str, str | None],
) -> None:
    """The folds of a work's authors: each merged id an authorship came under."""
    for authorship in routes.reroute_paper(row(paper), landings)["authorships"]:
        for origin in authorship["props"].get("origins") or ():
            if origin in people:
                _put_fold(out, seq, origin, authorship["id"], names)
