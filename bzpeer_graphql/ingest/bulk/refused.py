"""What a bulk build leaves out: records giving a node the id of another kind, and lines
referring to records the input lacks (reported as the transactional writer reports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from bzpeer_graphql.ingest.bulk.sql import run
from bzpeer_graphql.ingest.unique_ids import Clash

if TYPE_CHECKING:
    from bzpeer_graphql.ingest.bulk.convert import Converted


def find_clashes(con: duckdb.DuckDBPyConnection, done: Converted) -> None:
    """Ids given to nodes of two kinds (ids are unique across kinds): the kind of the first
    record read keeps the id; every record of another kind with it is reported and its line
    left out, as the transactional writer does (ingest/unique_ids.py)."""
    run(con, "clashes")
    rows = run(con, "clashes_read").fetchall()
    done.clashes = [
        Clash(str(k), str(i), int(n), str(h), int(hl), str(f or ""), str(hf or ""))
        for k, i, n, f, h, hl, hf in rows
    ]


def drop_dangling(con: duckdb.DuckDBPyConnection, done: Converted) -> None:
    """References to a record the input lacks (the bzpeer format, whose records must resolve),
    or only to one whose id another kind holds: reported, and the lines that make them (and
    the clashing records') left out."""
    run(con, "dangling")
    rows = run(con, "dangling_read").fetchall()
    done.dangling = [(str(k), str(i), int(n)) for k, i, n in rows]
    run(con, "skipped")
    for table in ("nodes", "papers", "affiliations"):
        run(con, "ok_view", table=table)
