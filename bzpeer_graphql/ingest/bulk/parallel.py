"""The streaming pass of a bulk build over OpenAlex files, split between worker processes: this
process decompresses the input and hands out its lines in numbered chunks; each worker parses
them with the transactional writer's functions (ingest/bulk/stage.py) into staging files of its
own. Each line's `seq` is its place in the input, so versions are chosen as if read in order;
errors and notes come back in input order."""

from __future__ import annotations

import multiprocessing
import queue
import traceback
from collections.abc import Callable
from multiprocessing.process import BaseProcess
from pathlib import Path
from typing import Any

import orjson

from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.bulk.stage import Staged, Writers, lines_in, put_line, stage
from bzpeer_graphql.ingest.identity import flatten
from bzpeer_graphql.ingest.records import Note, Numbered, PartEnd, RecordError
from bzpeer_graphql.ingest.snapshot import (
    OpenAlexFile,
    OpenAlexSnapshot,
    Redirects,
    file_digest,
    line_converter,
)
from bzpeer_graphql.ingest.source import Source

#: worker processes (the machine's two cores; this process mostly decompresses)
WORKERS = 2
#: lines a chunk holds
CHUNK = 1000
#: chunks waiting for a worker at most (bounds the memory the lines in flight take)
QUEUED = 4 * WORKERS
#: how often a wait on the workers looks whether they are still alive
CHECK_S = 1.0

#: (entity, file, where its records say they were read, the part's end for a snapshot)
Part = tuple[str, Path, str, PartEnd | None]
#: (chunk number, entity, where, seq of the first line, [(line number, bytes or error)])
Task = tuple[int, str, str, int, list[tuple[int, bytes | ValueError]]]
#: (chunk number, records, errors as (line, message, unreadable, where), notes)
Done = tuple[int, int, list[tuple[int, str, bool, str]], list[Note]]


class WorkerFailed(RuntimeError):
    """A worker of the read stopped; the message holds its traceback."""


def parts_of(source: Source) -> list[Part] | None:
    """The files of an OpenAlex source in reading order, or None for another source."""
    if isinstance(source, OpenAlexFile):
        return [(source.entity, source.path, "", None)]
    if isinstance(source, OpenAlexSnapshot):
        out: list[Part] = []
        for entity, path in source.parts():
            key = source.key(path)
            end = PartEnd(key, path.stat().st_size, file_digest(path))
            out.append((entity, path, f"{key}: ", end))
        return out
    return None


def read_input(
    source: Source, folder: Path, progress: Callable[[int, int], None], workers: int = WORKERS
) -> Staged:
    """`stage`, its parsing split between `workers` processes when the source is OpenAlex
    files (the staging files are then `<table>-<worker>.jsonl`)."""
    parts = parts_of(source)
    if parts is None:
        return stage(source, folder, progress)
    redirects = source.redirects()
    staged = Staged(folds={k: v for k, v in redirects.items() if k != "researcher" and v})
    total = source.expected_records({}) or lines_in(source)
    with _Pool(folder, redirects, not source.self_contained, workers) as pool:
        progress(0, total)
        seq = 0
        with (folder / "parts.jsonl").open("wb") as parts_file:
            for entity, path, where, end in parts:
                chunk: list[tuple[int, bytes | ValueError]] = []
                for line in jsonl.raw_lines(path):
                    chunk.append(line)
                    if len(chunk) == CHUNK:
                        pool.send((entity, where, seq + 1, chunk))
                        seq, chunk = seq + len(chunk), []
                        progress(pool.records, max(total, pool.records))
                if chunk:
                    pool.send((entity, where, seq + 1, chunk))
                    seq += len(chunk)
                if end is not None:
                    row = {"path": end.path, "size": end.size, "sha256": end.sha256}
                    parts_file.write(orjson.dumps(row) + b"\n")
                    staged.parts += 1
        for records, errors, notes in pool.finish():
            staged.records += records
            staged.errors += [RecordError(n, m, unreadable=u, where=w) for n, m, u, w in errors]
            staged.notes += notes
    progress(staged.records, staged.records)
    return staged


class _Pool:
    """The worker processes, the chunks sent to them, and what came back."""

    def __init__(self, folder: Path, redirects: Redirects, checked: bool, workers: int) -> None:
        context = multiprocessing.get_context("spawn")  # nothing of this process inherited
        self.tasks: multiprocessing.Queue[Task | None] = context.Queue(QUEUED)
        self.results: multiprocessing.Queue[Done | str | None] = context.Queue()
        people = flatten(redirects.get("researcher", {}))
        self.processes: list[BaseProcess] = [
            context.Process(
                target=_work,
                args=(folder, f"-{k}", redirects, people, checked, self.tasks, self.results),
                name=f"bulk-read-{k}",
                daemon=True,
            )
            for k in range(workers)
        ]
        self.sent = 0
        self.records = 0
        self.done: dict[int, Done] = {}
        self.finished = 0

    def __enter__(self) -> _Pool:
        for process in self.processes:
            process.start()
        return self

    def __exit__(self, *_: object) -> None:
        for process in self.processes:
            if process.is_alive():
                process.kill()
            process.join()

    def send(self, task: tuple[str, str, int, list[tuple[int, bytes | ValueError]]]) -> None:
        """Queues one chunk, taking in what the workers finished meanwhile."""
        while True:
            self._take(block=False)
            try:
                self.tasks.put((self.sent, *task), timeout=CHECK_S)
                break
            except queue.Full:
                self._check()
        self.sent += 1

    def finish(self) -> list[tuple[int, list[tuple[int, str, bool, str]], list[Note]]]:
        """Waits for every chunk; what each gave, in input order."""
        for _ in self.processes:
            self.tasks.put(None)
        while self.finished < len(self.processes):
            self._take(block=True)
        assert len(self.done) == self.sent
        return [self.done[n][1:] for n in range(self.sent)]

    def _take(self, block: bool) -> None:
        while True:
            try:
                item = self.results.get(block=block, timeout=CHECK_S if block else None)
            except queue.Empty:
                if block:
                    self._check()
                    continue
                return
            if item is None:
                self.finished += 1
            elif isinstance(item, str):
                raise WorkerFailed(item)
            else:
                self.done[item[0]] = item
                self.records += item[1]
            if block:
                return

    def _check(self) -> None:
        stopped = [p for p in self.processes if not p.is_alive() and p.exitcode != 0]
        if stopped:
            raise WorkerFailed(f"{stopped[0].name} stopped (exit code {stopped[0].exitcode})")


def _work(
    folder: Path,
    suffix: str,
    redirects: Redirects,
    people: dict[str, str],
    checked: bool,
    tasks: multiprocessing.Queue[Task | None],
    results: multiprocessing.Queue[Done | str | None],
) -> None:
    """A worker: parses the chunks it takes into its staging files until told to stop."""
    out = Writers(folder, suffix)
    converters: dict[tuple[str, str], Any] = {}
    try:
        while (task := tasks.get()) is not None:
            number, entity, where, first, lines = task
            if (entity, where) not in converters:
                converters[entity, where] = line_converter(entity, redirects, where)
            items_of = converters[entity, where]
            staged = Staged()
            for offset, (line, raw) in enumerate(lines):
                obj = raw if isinstance(raw, ValueError) else jsonl.decode(raw)
                if obj is jsonl.BLANK:
                    continue
                group: list[Numbered] = []
                for item in items_of(line, obj):
                    if isinstance(item, Note):
                        staged.notes.append(item)
                    elif isinstance(item, RecordError):
                        staged.records += 1
                        staged.errors.append(item)
                    else:
                        group.append(item)
                if group:
                    staged.records += 1
                    put_line(out, group, first + offset, people, staged, checked)
            errors = [(e.line, e.message, e.unreadable, e.where) for e in staged.errors]
            results.put((number, staged.records, errors, staged.notes))
    except BaseException:
        results.put(traceback.format_exc())
        raise
    finally:
        out.close()
    results.put(None)
