"""The name pass of a bulk build: each distinct researcher name's blocking keys and readings,
computed once by the writer's own functions (identity/names.py)."""

from __future__ import annotations

from pathlib import Path
from typing import Any

import duckdb
import orjson

from bzpeer_graphql.identity.names import name_keys, readings
from bzpeer_graphql.ingest.bulk.columns import count_of
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
    con.execute("""
        CREATE TEMP TABLE names AS SELECT DISTINCT json_extract_string(props, '$.name') AS name
        FROM node_final
        WHERE kind = 'researcher' AND coalesce(json_extract_string(props, '$.name'), '') <> ''
        """)
    total = count_of(con, "SELECT count(*) FROM names")
    progress = ProgressReporter(stage="name keys", unit="names")
    names = con.execute("SELECT name FROM names")
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
    con.execute(
        f"CREATE TABLE name_keys AS SELECT * FROM read_json('{path}', "
        "format = 'newline_delimited', columns = {name: 'VARCHAR', keys: 'JSON'})"
    )
    con.execute(
        f"CREATE OR REPLACE TABLE name_readings AS SELECT * FROM read_json('{read}', "
        f"format = 'newline_delimited', columns = {READING_COLUMNS})"
    )
    con.execute("""
        UPDATE node_final SET props = json_merge_patch(node_final.props, k.keys)
        FROM name_keys k
        WHERE node_final.kind = 'researcher'
          AND json_extract_string(node_final.props, '$.name') = k.name""")
