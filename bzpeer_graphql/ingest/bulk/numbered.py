"""Integer ids for the import: the import files written with the graph's string ids are
rewritten with a number per id (`--id-type=integer`). The importer looks up the two ends of
every relationship; with numbers it builds the store in about four fifths of the time it takes
with strings (bench/results/2026-12-07-bulk-ids.md). A node's own id stays a property."""

from __future__ import annotations

import re
from collections import defaultdict
from pathlib import Path

import duckdb

from bzpeer_graphql.ingest.bulk.sql import run

#: an id column of a node file (`id:ID(Paper)`) or an end of a relationship (`:END_ID(Paper)`)
_NODE_ID = re.compile(r"^(\w+):ID\((\w+)\)$")
_END_ID = re.compile(r"^:(START|END)_ID\((\w+)\)$")


def _columns(con: duckdb.DuckDBPyConnection, path: Path) -> list[str]:
    """The header of an import file."""
    return [row[0] for row in run(con, "file_columns", {"path": str(path)}).fetchall()]


def numbered(
    con: duckdb.DuckDBPyConnection, nodes: list[Path], relationships: list[Path], out: Path
) -> tuple[list[Path], list[Path]]:
    """The node and relationship files rewritten into `out` with integer ids."""
    spaces: dict[tuple[str, str], list[str]] = defaultdict(list)
    headers = {path: _columns(con, path) for path in [*nodes, *relationships]}
    for path in nodes:
        for column in headers[path]:
            if found := _NODE_ID.match(column):
                spaces[found[2], column].append(str(path))
    for (space, column), files in spaces.items():
        run(con, "number_ids", {"files": files}, space=space, column=column)
    out.mkdir(parents=True, exist_ok=True)
    return (
        [_rewrite(con, path, headers[path], out) for path in nodes],
        [_rewrite(con, path, headers[path], out) for path in relationships],
    )


def _rewrite(con: duckdb.DuckDBPyConnection, path: Path, header: list[str], out: Path) -> Path:
    """The file `path` with the numbers of its ids (an id no node has stays empty, and the
    importer refuses the relationship as it refused the string)."""
    columns, joins = [], []
    for k, column in enumerate(header):
        if node := _NODE_ID.match(column):
            joins.append(f'LEFT JOIN "ids_{node[2]}" i{k} ON i{k}.id = f."{column}"')
            columns += [f'i{k}.n AS ":ID({node[2]})"', f'f."{column}" AS "{node[1]}:string"']
        elif end := _END_ID.match(column):
            joins.append(f'LEFT JOIN "ids_{end[2]}" i{k} ON i{k}.id = f."{column}"')
            columns.append(f'i{k}.n AS "{column}"')
        else:
            columns.append(f'f."{column}"')
    target = out / path.name
    pieces = {"columns": ", ".join(columns), "joins": " ".join(joins), "out": target}
    run(con, "numbered_file", {"path": str(path)}, **pieces)
    path.unlink()  # the disk holds one copy of the files
    return target
