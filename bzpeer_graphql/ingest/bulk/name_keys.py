"""The name pass of a bulk build: each distinct researcher name's blocking keys and readings,
computed once by the writer's own functions (identity/names.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import orjson

from bzpeer_graphql.identity.names import name_keys, readings
from bzpeer_graphql.ingest.bulk.columns import count_of
from bzpeer_graphql.ingest.bulk.sql import run
from bzpeer_graphql.ingest.progress import ProgressReporter

#: the columns of a `name_readings` row as read: the spelling, the reading's place, its joined
#: family name, the family name's parts, the first given name and the given names joined
READING_COLUMNS = (
    "{s: 'VARCHAR', k: 'INTEGER', j: 'VARCHAR', p: 'VARCHAR[]', g: 'VARCHAR', gj: 'VARCHAR'}"
)


def reading_rows(name: str) -> list[dict[str, Any]]:
    """The rows of `name_readings` for one spelling: each reading as `reading_fit` compares it."""
    return [
        {"s": name, "k": k, "j": "".join(r.family), "p": list(r.family),
         "g": r.given[0] if r.given else None, "gj": "".join(r.given)}
        for k, r in enumerate(readings(name))
    ]  # fmt: skip


def set_name_keys(con: duckdb.DuckDBPyConnection, staging: Path) -> None:
    """Sets the blocking keys of each researcher's name on every researcher of that name, and
    writes `name_readings`, the readings of every name (the pair pass's first filter)."""
    path, read = staging / "name_keys.jsonl", staging / "name_readings.jsonl"
    run(con, "names")
    total = count_of(con, "count", table="names")
    progress = ProgressReporter(stage="name keys", unit="names")
    names = run(con, "names_read")
    done = 0
    progress(0, total)
    with path.open("wb") as out, read.open("wb") as out_readings:
        while rows := names.fetchmany(10_000):
            for (name,) in rows:
                out.write(orjson.dumps({"name": name, "keys": name_keys(name)}) + b"\n")
                for row in reading_rows(name):
                    out_readings.write(orjson.dumps(row) + b"\n")
            done += len(rows)
            progress(done, total)
    progress(total, total)
    run(con, "name_keys", {"path": str(path)})
    run(con, "name_readings", {"path": str(read)}, columns=READING_COLUMNS)
    run(con, "set_name_keys")
