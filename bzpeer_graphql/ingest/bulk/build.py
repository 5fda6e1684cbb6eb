"""`load --bulk`: refuse a database with data, stage and convert the input, import it with
neo4j-admin, then the passes the import cannot do, all or nothing."""

from __future__ import annotations

import asyncio
import resource
import shutil
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from bzpeer_graphql.db import duplicate_pairs
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import LocalNeo4j
from bzpeer_graphql.db.migrate import apply_schema
from bzpeer_graphql.db.shared_papers import rank_topics, refresh_works_on
from bzpeer_graphql.ingest import identity
from bzpeer_graphql.ingest.bulk.admin import run_import, store_of
from bzpeer_graphql.ingest.bulk.convert import Converted, converting
from bzpeer_graphql.ingest.bulk.pairs import pair_batches
from bzpeer_graphql.ingest.bulk.parallel import read_input
from bzpeer_graphql.ingest.bulk.timing import Steps, process_cpu_s
from bzpeer_graphql.ingest.loader import Loader, OnError
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.ingest.records import Note, RecordError
from bzpeer_graphql.ingest.source import LoadError, Source

Log = Callable[[str], None]
#: a transaction of those passes may take this long (a build, not a request)
PASS_TIMEOUT_S = 1800.0
#: nodes one transaction of the empty strings pass sets
PASS_BATCH = 10_000


class BulkRefused(RuntimeError):
    """The bulk build cannot start here; the message says why and what to do instead."""


@dataclass
class BulkSummary:
    """What a bulk build wrote and how long each step took."""

    records: int = 0
    errors: list[RecordError] = field(default_factory=list)
    notes: list[Note] = field(default_factory=list)
    counts: dict[str, int] = field(default_factory=dict)
    seconds: dict[str, float] = field(default_factory=dict)
    cpu: dict[str, float] = field(default_factory=dict)
    folded: int = 0
    orcid_merged: int = 0

    def lines(self) -> list[str]:
        total = sum(self.seconds.values())
        rate = self.records / total if total else 0.0
        out = [f"{name:>15}: {count:,}" for name, count in sorted(self.counts.items())]
        out += [
            f"{'step ' + step:>15}: {s:.1f} s (CPU {self.cpu.get(step, 0.0):.1f} s)"
            for step, s in self.seconds.items()
        ]
        if self.folded:
            out.append(f"{'merged ids':>15}: {self.folded} nodes folded into their new id")
        if self.orcid_merged:
            out.append(f"{'same ORCID':>15}: {self.orcid_merged} researchers merged")
        own, tools = peak_memory_mib()
        out.append(
            f"{'peak memory':>15}: reader and DuckDB {own:,.0f} MiB, importer {tools:,.0f} MiB"
        )
        out.append(f"{self.records} input records in {total:.1f}s ({rate:,.0f} records/s)")
        return out


def peak_memory_mib() -> tuple[int, int]:
    """The most memory held so far by this process (the reader and DuckDB) and by its largest
    child that has ended (the importer), in MiB."""
    own = resource.getrusage(resource.RUSAGE_SELF).ru_maxrss // 1024
    return own, resource.getrusage(resource.RUSAGE_CHILDREN).ru_maxrss // 1024


def _neo4j_cpu(local: LocalNeo4j) -> Callable[[], float]:
    """The CPU seconds the local Neo4j has used so far (0 while it is down), as a step's extra
    CPU."""

    def used() -> float:
        pid = local.status().pid
        return process_cpu_s(pid) if pid else 0.0

    return used


async def _is_empty(local: LocalNeo4j) -> bool:
    db = Database.connect(_connection(local))
    try:
        return bool((await db.read("ingest/graph_is_empty"))[0]["empty"])
    finally:
        await db.close()


def _connection(local: LocalNeo4j) -> Connection:
    return Connection(local.uri, "neo4j", local.password(), "neo4j")


def _refuse(files: Converted, summary: BulkSummary, on_error: OnError) -> None:
    """Adds the clashes and references to nothing the conversion found to the errors, and
    stops the build on them in fail mode."""
    summary.errors += [clash.error() for clash in files.clashes]
    summary.errors += [
        RecordError(
            line, f"refers to {kind} {ref!r}, which is neither in the input nor in the graph"
        )
        for kind, ref, line in files.dangling
    ]
    summary.errors.sort(key=lambda e: (e.where, e.line))
    if (files.dangling or files.clashes) and on_error == "fail":
        raise LoadError(summary.errors)


def make_room(local: LocalNeo4j, log: Log) -> None:
    """Refuses a running Neo4j or a database with data; drops an empty database (the import
    writes a new one)."""
    if local.status().running:
        raise BulkRefused(
            f"the local Neo4j in {local.home} is running: stop it first "
            "(`bzpeer-graphql neo4j stop`); a bulk build writes a new database offline"
        )
    if not any(path.exists() for path in store_of(local.home)):
        return
    local.start(report=log)
    try:
        empty = asyncio.run(_is_empty(local))
    finally:
        local.stop()
    if not empty:
        raise BulkRefused(
            f"the database in {store_of(local.home)[0]} holds a graph already: a bulk build "
            "writes a new database only. Load into it without --bulk (updates in place), or "
            "point BZPEER_NEO4J_HOME at a new folder"
        )
    for path in store_of(local.home):
        shutil.rmtree(path, ignore_errors=True)


def build(
    source: Source,
    local: LocalNeo4j,
    on_error: OnError = "fail",
    log: Log = print,
    keep_running: bool = False,
) -> BulkSummary:
    """Builds the local Neo4j's database from `source`; on any failure no database is left.
    The local Neo4j is stopped after, or left answering with `keep_running`."""
    make_room(local, log)
    work = local.home / "bulk-work"
    shutil.rmtree(work, ignore_errors=True)
    (work / "import").mkdir(parents=True)
    summary = BulkSummary()
    steps = Steps(log=log)
    try:
        with steps.step("read"):
            staged = read_input(source, work, ProgressReporter())
        summary.records, summary.notes = staged.records, staged.notes
        summary.errors = list(staged.errors)
        if summary.errors and on_error == "fail":
            raise LoadError(summary.errors)
        # the duplicate candidate pairs are scored while the other files are written and
        # imported, and stored after the import
        with converting(
            work, work / "import", steps, check=lambda files: _refuse(files, summary, on_error)
        ) as files:
            log("bulk: converted; importing")
            with steps.step("import"):
                run_import(local, files, log)
        summary.counts = files.counts
        with steps.step("start Neo4j", _neo4j_cpu(local)):
            local.start(report=log)
        try:
            with steps.step("after", _neo4j_cpu(local)):
                asyncio.run(_after_import(local, staged.folds, files.pairs, summary, steps))
        except BaseException:
            local.stop()
            raise
        if not keep_running:
            local.stop()
        summary.seconds = {
            name: step.wall_s for name, step in steps.done.items() if ":" not in name
        }
        summary.cpu = {name: step.cpu_s for name, step in steps.done.items() if ":" not in name}
    except BaseException:
        for path in store_of(local.home):
            shutil.rmtree(path, ignore_errors=True)
        raise
    finally:
        shutil.rmtree(work, ignore_errors=True)
    return summary


async def _after_import(
    local: LocalNeo4j,
    folds: dict[str, dict[str, str]],
    scored: Path | None,
    summary: BulkSummary,
    steps: Steps,
) -> None:
    """The empty strings, the schema, the duplicate candidate pairs the conversion scored, the
    merges, then the pairs of the records the merges changed."""
    db = Database.connect(_connection(local), timeout_s=PASS_TIMEOUT_S)
    neo4j = _neo4j_cpu(local)
    try:
        # before the indexes: no index entry is written twice
        with steps.step("after: blank strings", neo4j):
            while (await db.write("bulk/blank_strings", {"limit": PASS_BATCH}))[0]["done"]:
                pass
        with steps.step("after: schema", neo4j):
            await apply_schema(db)
        with steps.step("after: pairs", neo4j):  # the researcher ids indexed by now
            for batch in pair_batches(scored, PASS_BATCH) if scored else ():
                await db.write("bulk/duplicate_pairs", {"pairs": batch})
        with steps.step("after: merges", neo4j):
            loader = Loader(db)
            ids = {kind: sorted({i for pair in folds.get(kind, {}).items() for i in pair})
                   for kind in ("paper", "topic", "institution")}  # fmt: skip
            if any(ids.values()):
                params = {"papers": ids["paper"], "topics": ids["topic"]}
                await db.write(
                    "bulk/mark_folded_stale", {**params, "institutions": ids["institution"]}
                )
            for kind, pairs in folds.items():
                summary.folded += await loader.fold(kind, pairs)
            summary.orcid_merged = len(await identity.merge_shared_orcids(db, loader.batch_size))
            await db.write("bulk/unscored_merged")
            await refresh_works_on(db)
        with steps.step("after: ranking topics", neo4j):
            await rank_topics(db)
        with steps.step("after: rescoring merged", neo4j):
            await duplicate_pairs.rescore_stale(db)
    finally:
        await db.close()
