"""What a bulk build leaves out: records giving a node the id of another kind, and lines
referring to records the input lacks (reported as the transactional writer reports them)."""

from __future__ import annotations

from typing import TYPE_CHECKING

import duckdb

from bzpeer_graphql.ingest.unique_ids import Clash

if TYPE_CHECKING:
    from bzpeer_graphql.ingest.bulk.convert import Converted


def find_clashes(con: duckdb.DuckDBPyConnection, done: Converted) -> None:
    """Ids given to nodes of two kinds (ids are unique across kinds): the kind of the first
    record read keeps the id; every record of another kind with it is reported and its line
    left out, as the transactional writer does (ingest/unique_ids.py)."""
    con.execute("""
        CREATE TABLE clashes AS
        WITH named AS (
          SELECT kind, id, seq, line, file FROM raw_nodes
          UNION ALL SELECT 'paper', id, seq, line, file FROM raw_papers),
        held AS (
          SELECT id, arg_min(kind, seq) AS kind, arg_min(line, seq) AS line,
                 arg_min(file, seq) AS file
          FROM named GROUP BY id HAVING count(DISTINCT kind) > 1)
        SELECT DISTINCT n.kind, n.id, n.seq, n.line, n.file, h.kind AS held,
               h.line AS held_line, h.file AS held_file
        FROM named n JOIN held h ON n.id = h.id AND n.kind <> h.kind""")
    rows = con.execute("""
        SELECT DISTINCT kind, id, line, file, held, held_line, held_file FROM clashes
        ORDER BY file, line, kind, id""").fetchall()
    done.clashes = [
        Clash(str(k), str(i), int(n), str(h), int(hl), str(f or ""), str(hf or ""))
        for k, i, n, f, h, hl, hf in rows
    ]


def drop_dangling(con: duckdb.DuckDBPyConnection, done: Converted) -> None:
    """References to a record the input lacks (the bzpeer format, whose records must resolve),
    or only to one whose id another kind holds: reported, and the lines that make them (and
    the clashing records') left out."""
    con.execute("""
        CREATE TABLE dangling AS
        SELECT r.kind, r.id, min(r.line) AS line FROM raw_refs r
        WHERE NOT EXISTS (SELECT 1 FROM raw_nodes n
                          WHERE n.kind = r.kind AND n.id = r.id AND NOT n.partial
                            AND n.seq NOT IN (SELECT seq FROM clashes))
          AND NOT (r.kind = 'paper' AND EXISTS (SELECT 1 FROM raw_papers p WHERE p.id = r.id
                                                AND p.seq NOT IN (SELECT seq FROM clashes)))
        GROUP BY ALL""")
    rows = con.execute("SELECT kind, id, line FROM dangling ORDER BY line, kind, id").fetchall()
    done.dangling = [(str(k), str(i), int(n)) for k, i, n in rows]
    con.execute("""
        CREATE TABLE skipped AS
        SELECT DISTINCT seq FROM raw_refs r JOIN dangling d USING (kind, id)
        UNION SELECT seq FROM clashes""")
    for table in ("nodes", "papers", "affiliations"):
        con.execute(
            f"CREATE VIEW ok_{table} AS SELECT * FROM raw_{table} "
            "WHERE seq NOT IN (SELECT seq FROM skipped)"
        )
