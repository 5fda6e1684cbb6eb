"""The one batched writer: checks a source, then writes it batch by batch, one transaction each."""

from __future__ import annotations

import time
from collections.abc import Callable
from dataclasses import dataclass, field, replace
from datetime import UTC, datetime
from typing import Literal

from bzpeer_graphql.db import duplicate_pairs
from bzpeer_graphql.db.database import Database, Transaction
from bzpeer_graphql.db.shared_papers import rank_topics, refresh_works_on
from bzpeer_graphql.ingest import identity, limits, unique_ids
from bzpeer_graphql.ingest.batch import KINDS, PLURAL, Batch, BatchResult
from bzpeer_graphql.ingest.pair_changes import tracked
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Loaded,
    Note,
    Numbered,
    PartEnd,
    Record,
    RecordError,
    references,
)
from bzpeer_graphql.ingest.source import LoadError, Source, lines_of
from bzpeer_graphql.ingest.summary import LoadSummary
from bzpeer_graphql.live.changes import Change, ChangeKind, about
from bzpeer_graphql.live.log import ChangeLog

OnError = Literal["fail", "skip"]
#: (input records read, input records in all, or 0 when not known)
Progress = Callable[[int, int], None]
LOOKUP_CHUNK = 10_000
#: the kinds of record that are nodes of the graph
NODE_KINDS = ("researcher", "paper", "topic", "institution")


@dataclass
class _Scan:
    """What the checking pass learned: bad records, defined ids, where each id is referenced."""

    total: int = 0
    errors: list[RecordError] = field(default_factory=list)
    defined: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    first_use: dict[str, dict[str, int]] = field(default_factory=lambda: {k: {} for k in KINDS})
    dangling: dict[str, set[str]] = field(default_factory=lambda: {k: set() for k in KINDS})
    #: the first record of each node id: (kind, line, file)
    first: dict[str, tuple[str, int, str]] = field(default_factory=dict)


class Loader:
    """Loads sources into the graph: one transaction per batch, keyed on `id`, idempotent."""

    def __init__(
        self,
        db: Database,
        *,
        batch_size: int = 1000,
        on_error: OnError = "fail",
        progress: Progress | None = None,
        changes: ChangeLog | None = None,
    ) -> None:
        self.db = db
        self.batch_size = batch_size
        self.on_error = on_error
        self.progress = progress
        #: where each committed batch and merge is told to subscribers (None: nowhere)
        self.changes = changes

    async def load(self, source: Source) -> LoadSummary:
        """Checks every record, then writes the good ones; see `LoadError` for `fail`."""
        started = time.monotonic()
        loaded = await self.loaded_parts()
        if source.self_contained:
            # records stand alone: checking needs no memory of other records, and only `fail`
            # needs a pass of its own (nothing may be written before every line is known good)
            scan = _Scan(total=source.expected_records(loaded) or 0)
            if self.on_error == "fail":
                scan = self._check(source, loaded)
        else:
            scan = await self._scan(source, loaded)
            scan.errors = sorted(scan.errors + self._dangling_errors(scan), key=lambda e: e.line)
        if scan.errors and self.on_error == "fail":
            raise LoadError(scan.errors)
        summary = LoadSummary(errors=list(scan.errors))
        redirects = source.redirects()
        # researchers under an absorbed id merge first, by the identity merge (ingest/identity)
        people = await identity.merge_merged_ids(
            self.db, redirects.get("researcher", {}), self.batch_size
        )
        summary.folded += people.merged
        await self._merged(people.pairs)
        await self._write(source, loaded, scan, summary, people.redirects)
        for kind, pairs in redirects.items():
            if kind != "researcher":
                summary.folded += await self.fold(kind, pairs)
        orcid_pairs = await identity.merge_shared_orcids(self.db, self.batch_size)
        summary.orcid_merged = len(orcid_pairs)
        await self._merged(orcid_pairs)
        await refresh_works_on(self.db, recounted=self._recounted)
        await rank_topics(self.db)
        await duplicate_pairs.rescore_stale(self.db)
        summary.seconds = time.monotonic() - started
        return summary

    async def loaded_parts(self) -> Loaded:
        """The snapshot parts the graph holds whole: {path: (size, sha256)}."""
        rows = await self.db.read("ingest/loaded_parts")
        return {row["path"]: (row["size"], row["sha256"]) for row in rows}

    def _check(self, source: Source, loaded: Loaded) -> _Scan:
        scan = _Scan()
        for item in lines_of(source.records(loaded)):
            if isinstance(item, PartEnd | Note):
                continue
            scan.total += 1
            if isinstance(item, RecordError):
                scan.errors.append(item)
        return scan

    async def _scan(self, source: Source, loaded: Loaded) -> _Scan:
        scan = _Scan()
        for item in source.records(loaded):
            if isinstance(item, PartEnd | Note):
                continue
            scan.total += 1
            if isinstance(item, RecordError):
                scan.errors.append(item)
                continue
            record = item.record
            if not isinstance(record, Affiliation):
                held = scan.first.setdefault(record.id, (record.kind, item.line, item.where))
                if held[0] != record.kind:  # ids are unique across kinds: the first keeps it
                    clash = unique_ids.Clash(
                        record.kind, record.id, item.line, held[0], held[1], item.where
                    )
                    scan.errors.append(clash.error())
                    continue
                scan.defined[record.kind].add(record.id)
            for kind, ref in references(record):
                scan.first_use[kind].setdefault(ref, item.line)
        await self._clashes_with_graph(scan)
        for kind in KINDS:
            missing = [ref for ref in scan.first_use[kind] if ref not in scan.defined[kind]]
            scan.dangling[kind] = set(missing) - await self._existing(kind, missing)
        return scan

    async def _clashes_with_graph(self, scan: _Scan) -> None:
        """Records giving a node the id the graph holds as another kind: bad records."""
        named = [
            (kind, node_id, scan.first[node_id][1])
            for kind in NODE_KINDS
            for node_id in scan.defined[kind]
        ]
        for clash in await unique_ids.in_graph(self.db.read, named):
            where = scan.first[clash.id][2]
            scan.errors.append(replace(clash, where=where).error())
            scan.defined[clash.kind].discard(clash.id)

    async def _existing(self, kind: str, ids: list[str]) -> set[str]:
        found: set[str] = set()
        for start in range(0, len(ids), LOOKUP_CHUNK):
            params: dict[str, list[str]] = {
                plural: [] for plural in ("researchers", "topics", "institutions", "papers")
            }
            params[PLURAL[kind]] = ids[start : start + LOOKUP_CHUNK]
            rows = await self.db.read("ingest/existing_ids", params)
            found.update(rows[0][PLURAL[kind]])
        return found

    def _dangling_errors(self, scan: _Scan) -> list[RecordError]:
        errors = []
        for kind in KINDS:
            for ref in sorted(scan.dangling[kind], key=lambda r: scan.first_use[kind][r]):
                errors.append(
                    RecordError(
                        scan.first_use[kind][ref],
                        f"refers to {kind} {ref!r}, which is neither in the input nor in the graph",
                    )
                )
        return errors

    async def _write(
        self,
        source: Source,
        loaded: Loaded,
        scan: _Scan,
        summary: LoadSummary,
        redirects: dict[str, str],
    ) -> None:
        bad_lines = {(e.where, e.line) for e in scan.errors}
        batch = Batch(redirects=redirects)
        done = 0
        if self.progress:
            self.progress(0, scan.total)
        for item in lines_of(source.records(loaded)):
            if isinstance(item, PartEnd) and item.skipped:
                summary.parts_skipped += 1
                continue
            if isinstance(item, PartEnd):
                await self.flush(batch, summary)
                await self.db.write(
                    "ingest/loaded_part",
                    {
                        "path": item.path,
                        "size": item.size,
                        "sha256": item.sha256,
                        "at": datetime.now(UTC).isoformat(timespec="seconds"),
                    },
                )
                summary.parts += 1
                continue
            if isinstance(item, Note):
                if (item.where, item.line) not in bad_lines:
                    summary.notes.append(item)
                continue
            done += 1
            if isinstance(item, RecordError):
                if (item.where, item.line) not in bad_lines:  # met while writing (`skip` mode)
                    summary.errors.append(item)
                continue
            batch.lines += 1
            owner = item[-1].record  # a line's last record is the one the others came with
            for numbered in item:
                self._add(batch, numbered, owner, scan, bad_lines, summary)
            if batch.lines >= self.batch_size:
                await self.flush(batch, summary)
                if self.progress:
                    self.progress(done, max(scan.total, done) if scan.total else 0)
        await self.flush(batch, summary)
        summary.records = done
        if self.progress:
            self.progress(done, done)

    def _add(
        self,
        batch: Batch,
        item: Numbered,
        owner: Record,
        scan: _Scan,
        bad_lines: set[tuple[str, int]],
        summary: LoadSummary,
    ) -> None:
        record = item.record
        if (item.where, item.line) in bad_lines or self._has_dangling(record, scan):
            summary.counts[record.kind].skipped += 1
            return
        came_with = None if record is owner else owner
        batch.where = item.where
        record, cuts = limits.bounded(record)
        summary.notes += [Note(item.line, cut, item.where) for cut in cuts]
        batch.add(record, came_with, item.line)

    def _has_dangling(self, record: Record, scan: _Scan) -> bool:
        return any(ref in scan.dangling[kind] for kind, ref in references(record))

    async def flush(self, batch: Batch, summary: LoadSummary) -> BatchResult | None:
        """Writes a batch in one transaction and counts it; returns what it did."""
        result = await self._write_checked(batch, summary)
        if result is None:  # nothing left to write (every line clashed, or none came)
            batch.clear()
            return None
        named = _named(batch)
        for kind, count in result.counts.items():
            summary.counts[kind].written += count[0]
            summary.counts[kind].created += count[1]
            summary.counts[kind].replaced += count[2]
        batch.clear()
        if self.changes is not None:
            researchers = tuple(sorted(named["researcher"] | result.touched))
            nodes = tuple(sorted(set().union(*named.values()) | result.touched))
            await self.changes.append(
                Change(ChangeKind.IMPORT, nodes=nodes, researchers=researchers)
            )
        return result

    async def _write_checked(self, batch: Batch, summary: LoadSummary) -> BatchResult | None:
        """Writes a batch whose node ids no other kind holds; with `skip`, the lines that give a
        node such an id are left out (and reported), with `fail` the batch is not written."""

        async def work(tx: Transaction) -> BatchResult:
            await unique_ids.check(tx.run, batch)
            return await batch.write(tx)

        while not batch.empty:
            try:
                return await self.db.write_together(work)
            except unique_ids.IdClashes as clashes:
                errors = [clash.error() for clash in clashes.clashes]
                if self.on_error == "fail":
                    raise LoadError(
                        errors, "not written from this batch on (the batches before it are)"
                    ) from None
                summary.errors += errors
                for kind in unique_ids.drop(batch, clashes.clashes):
                    summary.counts[kind].skipped += 1
        return None

    async def _recounted(self, researchers: list[str]) -> None:
        """Tells subscribers whose slices hold these researchers that their WORKS_ON weights
        were recounted (after the batches that changed their works were announced); a change
        of edges alone, not about the researchers' records."""
        if self.changes is not None:
            await self.changes.append(Change(ChangeKind.IMPORT, nodes=tuple(sorted(researchers))))

    async def _merged(self, pairs: list[tuple[str, str]]) -> None:
        """Tells subscribers of the merges the importer did (survivor, absorbed)."""
        if self.changes is not None:
            for into, absorbed in pairs:
                await self.changes.append(about(ChangeKind.MERGE, into, absorbed))

    async def fold(self, kind: str, pairs: dict[str, str]) -> int:
        """Folds each merged id of a paper, institution or topic into the id it was merged into
        (see cypher/ingest/fold_*); researchers go through the identity merge instead."""
        if kind == "researcher":
            return (await identity.merge_merged_ids(self.db, pairs, self.batch_size)).merged
        items = [{"old": old, "new": new} for old, new in pairs.items()]
        folded = 0
        for start in range(0, len(items), self.batch_size):
            chunk = items[start : start + self.batch_size]

            async def work(tx: Transaction, chunk: list[dict[str, str]] = chunk) -> int:
                # the papers whose authors or topics the fold changes, for COAUTHOR and RELATED
                if kind == "paper":
                    papers = sorted({i for pair in chunk for i in (pair["old"], pair["new"])})
                elif kind == "topic":
                    [about] = await tx.run("ingest/topic_papers", {"topics": chunk})
                    papers = about["papers"]
                else:
                    papers = []
                rows = await tracked(
                    tx, papers, lambda: tx.run(f"ingest/fold_{PLURAL[kind]}", {"pairs": chunk})
                )
                return int(rows[0]["folded"])

            folded += await self.db.write_together(work)
        return folded


def _named(batch: Batch) -> dict[str, set[str]]:
    """The node ids a batch writes or links, by kind."""
    named: dict[str, set[str]] = {kind: set() for kind in NODE_KINDS}
    for kind, _, node_id in (*batch.records, *batch.partials):
        if kind in named:
            named[kind].add(node_id)
    for record in batch.records.values():
        for kind, node_id in references(record):
            named[kind].add(node_id)
    return named
