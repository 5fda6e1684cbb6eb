"""The one batched writer: validates a source, then writes it in `UNWIND $rows MERGE` batches."""

from __future__ import annotations

import time
from collections.abc import Callable, Iterable, Iterator
from dataclasses import dataclass, field, replace
from typing import Any, Literal, Protocol

from bzpeer_graphql.db.database import Database, Row, Transaction
from bzpeer_graphql.ingest import coauthorship
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Numbered,
    Paper,
    Record,
    RecordError,
    Researcher,
    references,
)
from bzpeer_graphql.names import name_keys

OnError = Literal["fail", "skip"]
KINDS = ("institution", "topic", "researcher", "affiliation", "paper")
_PLURAL = {
    "institution": "institutions",
    "topic": "topics",
    "researcher": "researchers",
    "affiliation": "affiliations",
    "paper": "papers",
}
Progress = Callable[[int, int], None]
LOOKUP_CHUNK = 10_000


class Source(Protocol):
    """Something that yields numbered records (or the errors of bad lines), as often as asked."""

    @property
    def drops_unknown_citations(self) -> bool:
        """Citations of papers neither in the input nor in the graph are dropped, not errors."""
        ...

    def records(self) -> Iterator[Numbered | RecordError]: ...

    def redirects(self) -> dict[str, dict[str, str]]:
        """{kind: {merged id: surviving id}}: nodes to fold into the one they were merged into."""
        ...


class LoadError(RuntimeError):
    """The input has bad records and the run was asked to fail on them; nothing was written."""

    def __init__(self, errors: list[RecordError]) -> None:
        shown = "; ".join(str(e) for e in errors[:5])
        more = f" (and {len(errors) - 5} more)" if len(errors) > 5 else ""
        super().__init__(f"{len(errors)} bad record(s), nothing written: {shown}{more}")
        self.errors = errors


@dataclass
class KindCount:
    written: int = 0
    created: int = 0
    skipped: int = 0

    @property
    def updated(self) -> int:
        return self.written - self.created


@dataclass
class LoadSummary:
    """What a load did, by kind, with the bad records it skipped."""

    counts: dict[str, KindCount] = field(default_factory=lambda: {k: KindCount() for k in KINDS})
    errors: list[RecordError] = field(default_factory=list)
    dropped_citations: int = 0
    folded: int = 0
    unreadable: int = 0
    records: int = 0
    seconds: float = 0.0

    @property
    def skipped(self) -> int:
        """Records not written because they were bad or pointed at something missing."""
        return self.unreadable + sum(c.skipped for c in self.counts.values())

    def lines(self) -> list[str]:
        out = []
        for kind in KINDS:
            c = self.counts[kind]
            if c.written or c.skipped:
                out.append(
                    f"{_PLURAL[kind]:>13}: {c.created} created, {c.updated} updated, "
                    f"{c.skipped} skipped"
                )
        if self.skipped:
            out.append(
                f"{'skipped':>13}: {self.skipped} bad records ({self.unreadable} unreadable)"
            )
        if self.folded:
            out.append(f"{'merged ids':>13}: {self.folded} nodes folded into their new id")
        if self.dropped_citations:
            out.append(f"{'citations':>13}: {self.dropped_citations} to unknown papers dropped")
        rate = self.records / self.seconds if self.seconds else 0.0
        out.append(f"{self.records} records in {self.seconds:.1f}s ({rate:,.0f} records/s)")
        return out


@dataclass
class _Scan:
    """What the validation pass learned: bad records, defined ids, where each id is referenced."""

    total: int = 0
    errors: list[RecordError] = field(default_factory=list)
    defined: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    first_use: dict[str, dict[str, int]] = field(default_factory=lambda: {k: {} for k in KINDS})
    dangling: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})


#: the node properties each kind's record sets (all of them: a missing one is removed)
_PROPERTIES = {
    "institution": ("name", "country", "ror"),
    "topic": ("name",),
    "researcher": ("name", "nameVariants", "headline", "orcid", "openToCollaborate"),
    "paper": (
        "title",
        "abstract",
        "year",
        "type",
        "venue",
        "doi",
        "arxivId",
        "url",
        "codeUrl",
        "openAccess",
    ),
}


def _row(record: Record) -> dict[str, Any]:
    """The row the record's Cypher file expects."""
    if isinstance(record, Affiliation):
        return {
            "researcher": record.researcher,
            "institution": record.institution,
            "current": record.current,
            "since": record.since,
            "until": record.until,
        }
    row: dict[str, Any] = {
        "id": record.id,
        "props": {name: getattr(record, name) for name in _PROPERTIES[record.kind]},
    }
    if isinstance(record, Researcher):
        row["props"].update(name_keys(record.name))
    if isinstance(record, Paper):
        row["authors"] = record.authors
        row["topics"] = [{"id": t.id, "score": t.score} for t in record.topics]
        row["references"] = record.references
    return row


class Loader:
    """Loads sources into the graph: one transaction per batch, keyed on `id`, idempotent."""

    def __init__(
        self,
        db: Database,
        *,
        batch_size: int = 1000,
        on_error: OnError = "fail",
        progress: Progress | None = None,
    ) -> None:
        self.db = db
        self.batch_size = batch_size
        self.on_error = on_error
        self.progress = progress

    async def load(self, source: Source) -> LoadSummary:
        """Validates every record, then writes the good ones; see `LoadError` for `fail`."""
        started = time.monotonic()
        scan = await self._scan(source)
        errors = sorted(scan.errors + self._dangling_errors(scan, source), key=lambda e: e.line)
        if errors and self.on_error == "fail":
            raise LoadError(errors)
        bad_lines = {e.line for e in errors}
        summary = LoadSummary(errors=errors, records=scan.total)
        await self._write(source, scan, bad_lines, summary)
        for kind, pairs in source.redirects().items():
            summary.folded += await self._fold(kind, pairs)
        summary.seconds = time.monotonic() - started
        return summary

    async def _scan(self, source: Source) -> _Scan:
        scan = _Scan()
        for item in source.records():
            scan.total += 1
            if isinstance(item, RecordError):
                scan.errors.append(item)
                continue
            record = item.record
            if not isinstance(record, Affiliation):
                scan.defined[record.kind].add(record.id)
            for kind, ref in references(record):
                scan.first_use[kind].setdefault(ref, item.line)
        for kind in KINDS:
            missing = [ref for ref in scan.first_use[kind] if ref not in scan.defined[kind]]
            scan.dangling[kind] = set(missing) - await self._existing(kind, missing)
        return scan

    async def _existing(self, kind: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), LOOKUP_CHUNK):
            params: dict[str, list[str]] = {
                plural: [] for plural in ("researchers", "topics", "institutions", "papers")
            }
            params[_PLURAL[kind]] = ids[start : start + LOOKUP_CHUNK]
            rows = await self.db.read("ingest/existing_ids", params)
            found.update(rows[0][_PLURAL[kind]])
        return found

    def _dangling_errors(self, scan: _Scan, source: Source) -> list[RecordError]:
        errors = []
        for kind in KINDS:
            if kind == "paper" and source.drops_unknown_citations:
                continue
            for ref in sorted(scan.dangling[kind], key=lambda r: scan.first_use[kind][r]):
                errors.append(
                    RecordError(
                        scan.first_use[kind][ref],
                        f"refers to {kind} {ref!r}, which is neither in the input nor in the graph",
                    )
                )
        return errors

    async def _write(
        self, source: Source, scan: _Scan, bad_lines: set[int], summary: LoadSummary
    ) -> None:
        batches: dict[str, list[dict[str, Any]]] = {kind: [] for kind in KINDS}
        done = 0
        if self.progress:
            self.progress(0, scan.total)
        for item in source.records():
            done += 1
            if isinstance(item, RecordError):
                summary.unreadable += 1
                continue
            record = item.record
            if item.line in bad_lines or self._has_dangling(record, scan, source):
                summary.counts[record.kind].skipped += 1
                continue
            if isinstance(record, Paper) and source.drops_unknown_citations:
                kept = [ref for ref in record.references if ref not in scan.dangling["paper"]]
                summary.dropped_citations += len(record.references) - len(kept)
                record = replace(record, references=kept)
            batch = batches[record.kind]
            batch.append(_row(record))
            if len(batch) >= self.batch_size:
                await self._flush(record.kind, batch, summary)
                if self.progress:
                    self.progress(done, scan.total)
        for kind in KINDS:
            await self._flush(kind, batches[kind], summary)
        if self.progress:
            self.progress(scan.total, scan.total)

    async def _fold(self, kind: str, pairs: dict[str, str]) -> int:
        """Moves the relationships of merged ids onto the ids they were merged into."""
        items = [{"old": old, "new": new} for old, new in pairs.items()]
        folded = 0
        for start in range(0, len(items), self.batch_size):
            chunk = items[start : start + self.batch_size]
            survivors = [pair["new"] for pair in chunk]
            rows = await self._write_keeping_coauthors(
                f"ingest/fold_{_PLURAL[kind]}",
                {"pairs": chunk},
                researchers=survivors if kind == "researcher" else [],
                papers=survivors if kind == "paper" else [],
            )
            folded += rows[0]["folded"]
        return folded

    def _has_dangling(self, record: Record, scan: _Scan, source: Source) -> bool:
        return any(
            ref in scan.dangling[kind]
            for kind, ref in references(record)
            if not (kind == "paper" and source.drops_unknown_citations)
        )

    async def _flush(self, kind: str, batch: list[dict[str, Any]], summary: LoadSummary) -> None:
        if not batch:
            return
        name = f"ingest/{_PLURAL[kind]}"
        if kind == "paper":
            rows = await self.db.write_together(lambda tx: _write_papers(tx, name, batch))
        else:
            rows = await self.db.write(name, {"rows": batch})
        summary.counts[kind].written += rows[0]["written"]
        summary.counts[kind].created += rows[0]["created"]
        batch.clear()

    async def _write_keeping_coauthors(
        self, name: str, params: dict[str, Any], *, researchers: list[str], papers: list[str]
    ) -> list[Row]:
        """Runs a file that moves authorships (a fold) and, in the same transaction, recomputes
        COAUTHOR of the given researchers and of the papers' authors from AUTHORED."""

        async def work(tx: Transaction) -> list[Row]:
            rows = await tx.run(name, params)
            await tx.run("ingest/coauthors", {"researchers": researchers, "papers": papers})
            return rows

        return await self.db.write_together(work)


async def _write_papers(tx: Transaction, name: str, batch: list[dict[str, Any]]) -> list[Row]:
    """Writes a batch of papers and, in the same transaction, what their new author lists
    change in COAUTHOR (read from the authors they had before)."""
    ids = [row["id"] for row in batch]
    before = (await tx.run("ingest/paper_authors", {"papers": ids}))[0]["papers"]
    rows = await tx.run(name, {"rows": batch})
    after = {row["id"]: row["authors"] for row in batch}  # the last row of an id wins, as in Neo4j
    found = coauthorship.changes({p["id"]: p["authors"] for p in before}, after)
    if found:
        await tx.run("ingest/coauthor_changes", {"changes": found})
    return rows


def numbered(items: Iterable[Record]) -> Iterator[Numbered]:
    """Numbers records from 1, for sources made in memory."""
    for line, record in enumerate(items, start=1):
        yield Numbered(line, record)
