"""The property columns of the import files, with their types, read off the record types."""

from __future__ import annotations

from dataclasses import fields
from pathlib import Path
from typing import Any, get_type_hints

import duckdb

from bzpeer_graphql.identity.names import NameKeys
from bzpeer_graphql.ingest.batch import node_properties
from bzpeer_graphql.ingest.bulk.sql import render, run
from bzpeer_graphql.ingest.records import Institution, Paper, Researcher, Topic

#: a Python type, as annotated, -> (neo4j-admin column type, DuckDB type)
_TYPES: dict[str, tuple[str, str]] = {
    "str": ("string", "VARCHAR"),
    "int": ("long", "BIGINT"),
    "float": ("double", "DOUBLE"),
    "bool": ("boolean", "BOOLEAN"),
    "list[str]": ("string[]", "VARCHAR[]"),
    "list[int]": ("long[]", "BIGINT[]"),
}
#: the separator of the labels of a node in the import files, and of list values in the
#: duplicate candidate pairs' CSV (a control character no text field keeps)
ARRAY_DELIMITER = "\x1f"
#: the records whose properties a kind's nodes carry
RECORDS = {"institution": Institution, "topic": Topic, "researcher": Researcher, "paper": Paper}
#: the version dates the writer keeps beside the properties
DATES = ("updatedDate", "seenDate")


def _base(annotation: str) -> str:
    return annotation.replace(" | None", "").replace("None | ", "").strip()


def columns(kind: str) -> list[tuple[str, str, str]]:
    """(property, neo4j-admin type, DuckDB type) of every property a node of `kind` may carry."""
    record = RECORDS[kind]
    hints = {f.name: str(f.type) for f in fields(record)}
    out = [(n, *_TYPES[_base(hints[n])]) for n in node_properties(record)]
    if kind == "researcher":
        keys = get_type_hints(NameKeys)
        for name, hint in keys.items():
            text = str(hint).replace("typing.", "").replace("<class '", "").replace("'>", "")
            out.append((name, *_TYPES[_base(text)]))
    return out + [(d, "string", "VARCHAR") for d in DATES]


#: the properties of AUTHORED beyond `position`, as the writer sets them
AUTHORED = [
    ("institutions", "string[]", "VARCHAR[]"),
    ("rawAffiliations", "string[]", "VARCHAR[]"),
    ("corresponding", "boolean", "BOOLEAN"),
    ("origins", "string[]", "VARCHAR[]"),
    ("from", "string", "VARCHAR"),
    ("alsoBy", "string[]", "VARCHAR[]"),
    ("alsoPositions", "long[]", "BIGINT[]"),
]


def copy_parquet(
    con: duckdb.DuckDBPyConnection,
    name: str,
    path: Path,
    parameters: dict[str, Any] | None = None,
    /,
    **pieces: object,
) -> Path:
    """Writes the rows of the statement `name` (sql/bulk) to the import file `path` (Parquet:
    the column names are the import header; a typed list column carries an empty list, which
    CSV cannot)."""
    run(con, "copy_parquet", parameters, query=render(name, **pieces), path=path)
    return path


def count_of(
    con: duckdb.DuckDBPyConnection,
    name: str,
    parameters: dict[str, Any] | None = None,
    /,
    **pieces: object,
) -> int:
    """The one number the statement `name` (sql/bulk) returns."""
    row = run(con, name, parameters, **pieces).fetchone()
    return int(row[0]) if row else 0
