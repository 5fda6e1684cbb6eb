"""The part of a bulk build's conversion that runs beside the rest: the name keys, then the
duplicate candidate pairs, in a thread on a DuckDB connection of its own, while the node and
relationship files are written and imported (the pairs are stored after the import, by
cypher/bulk/duplicate_pairs)."""

from __future__ import annotations

import threading
from pathlib import Path

import duckdb

from bzpeer_graphql.ingest.bulk.name_keys import set_name_keys
from bzpeer_graphql.ingest.bulk.pairs import as_import_file, duplicate_candidates
from bzpeer_graphql.ingest.bulk.timing import Steps

#: how long `stop` waits for each interrupted query to give way, and how many times
STOP_WAIT_S = 0.5
STOP_TRIES = 120


class Beside:
    """The name keys and the pairs, started at once: `names_keyed` waits for the first,
    `pairs` for the second; any error of the thread is raised there."""

    def __init__(self, con: duckdb.DuckDBPyConnection, staging: Path, out: Path, steps: Steps):
        self.con = con.cursor()
        self.staging, self.out, self.steps = staging, out, steps
        self.keyed = threading.Event()
        self.error: BaseException | None = None
        self.found: tuple[Path, int] | None = None
        self.thread = threading.Thread(target=self._run, name="bulk-pairs", daemon=True)
        self.thread.start()

    def _run(self) -> None:
        try:
            with self.steps.step("convert: name keys"):
                set_name_keys(self.con, self.staging)
            self.keyed.set()
            path, count = duplicate_candidates(self.con, self.out, self.steps)
            with self.steps.step("convert: pairs file"):
                self.found = as_import_file(self.con, path), count
        except BaseException as error:  # raised in the caller's thread
            self.error = error
        finally:
            self.keyed.set()

    def names_keyed(self) -> None:
        """Waits until every researcher has its name keys."""
        self.keyed.wait()
        self._raise()

    def pairs(self) -> tuple[Path, int]:
        """Waits for the pairs: their Parquet file and how many it holds."""
        self.thread.join()
        self._raise()
        assert self.found is not None
        return self.found

    def stop(self) -> None:
        """Interrupts the thread's queries until it ends (a failed build), then closes its
        connection."""
        for _ in range(STOP_TRIES):
            if not self.thread.is_alive():
                break
            self.con.interrupt()
            self.thread.join(STOP_WAIT_S)
        if not self.thread.is_alive():
            self.con.close()

    def _raise(self) -> None:
        if self.error is not None:
            raise self.error
