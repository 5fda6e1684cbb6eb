"""Integer ids for the import: each import file is written with a number in place of every
string id (`--id-type=integer`). The importer looks up the two ends of every relationship; with
numbers it builds the 1M-work store in 191 s against 232 s with strings (bench/results/
2026-12-07-bulk-ids.md). A node's own id stays a property."""

from __future__ import annotations

import re
from pathlib import Path
from typing import Any

import duckdb

from bzpeer_graphql.ingest.bulk.columns import copy_parquet
from bzpeer_graphql.ingest.bulk.sql import render, run

#: an id column of a node file (`id:ID(Paper)`) or an end of a relationship (`:END_ID(Paper)`)
_NODE_ID = re.compile(r"^(\w+):ID\((\w+)\)$")
_END_ID = re.compile(r"^:(START|END)_ID\((\w+)\)$")
#: each id space: the statement of the ids its nodes may have, and its parameters
_SPACES: dict[str, tuple[str, dict[str, Any]]] = {
    "Paper": ("ids_paper", {}),
    "Researcher": ("ids_node", {"kind": "researcher"}),
    "Topic": ("ids_node", {"kind": "topic"}),
    "Institution": ("ids_node", {"kind": "institution"}),
    "LoadedPart": ("ids_part", {}),
    "Merged": ("ids_merged", {}),
}


def import_file(
    con: duckdb.DuckDBPyConnection,
    name: str,
    path: Path,
    parameters: dict[str, Any] | None = None,
    /,
    **pieces: object,
) -> Path:
    """Writes the rows of the statement `name` (sql/bulk) to the import file `path`, each id
    column as numbers (an id no node may have stays empty: the importer refuses it)."""
    query = render(name, **pieces)
    header = [row[0] for row in run(con, "header", parameters, query=query).fetchall()]
    columns, joins = [], []
    for k, column in enumerate(header):
        found = _NODE_ID.match(column) or _END_ID.match(column)
        if found is None:
            columns.append(f'f."{column}"')
            continue
        space = found[2]
        source, given = _SPACES[space]
        run(con, "number_ids", given, space=space, source=render(source))
        joins.append(f'LEFT JOIN "ids_{space}" i{k} ON i{k}.id = f."{column}"')
        if found.re is _NODE_ID:
            columns += [f'i{k}.n AS ":ID({space})"', f'f."{column}" AS "{found[1]}:string"']
        else:
            columns.append(f'i{k}.n AS "{column}"')
    numbered = {"query": query, "columns": ", ".join(columns), "joins": " ".join(joins)}
    return copy_parquet(con, "numbered_query", path, parameters, **numbered)
