"""The DuckDB statements of a bulk build, each kept in its own file under `sql/bulk/` and
loaded by name; a statement's generated pieces (table names, file paths, column lists) go
into its named slots, `{{ name }}`, and its values are bound as `$name` parameters."""

from __future__ import annotations

import re
from functools import cache
from typing import Any

import duckdb

from bzpeer_graphql.resources import project_dir

#: where a statement takes a generated piece: `{{ table }}` (DuckDB's struct literals are
#: single braces, so a slot cannot be read as SQL)
SLOT = re.compile(r"\{\{\s*(\w+)\s*\}\}")


class SlotError(ValueError):
    """A statement rendered without one of its slots, or with a slot it does not have."""


@cache
def load(name: str) -> str:
    """The statement of `sql/bulk/<name>.sql`, its comment lines left out."""
    root = project_dir("sql").resolve() / "bulk"
    path = (root / f"{name}.sql").resolve()
    if root not in path.parents or not path.is_file():
        raise LookupError(f"no SQL file named {name!r} in {root}")
    lines = path.read_text().splitlines()
    return "\n".join(line for line in lines if not line.lstrip().startswith("--")).strip()


def slots(name: str) -> set[str]:
    """The names of the slots of the statement `name`."""
    return set(SLOT.findall(load(name)))


def render(name: str, /, **pieces: object) -> str:
    """The statement `name` with `pieces` in its slots; every slot filled, every piece used."""
    wanted = slots(name)
    if missing := wanted - pieces.keys():
        raise SlotError(f"{name}: no piece for the slots {sorted(missing)}")
    if unused := pieces.keys() - wanted:
        raise SlotError(f"{name}: no slots named {sorted(unused)}")
    return SLOT.sub(lambda found: str(pieces[found[1]]), load(name))


def run(
    con: duckdb.DuckDBPyConnection,
    name: str,
    parameters: dict[str, Any] | None = None,
    /,
    **pieces: object,
) -> duckdb.DuckDBPyConnection:
    """Runs the statement `name` rendered with `pieces`, `parameters` bound; returns its result."""
    return con.execute(render(name, **pieces), parameters)


def names() -> list[str]:
    """The names of the statements in `sql/bulk/`, sorted."""
    return sorted(path.stem for path in (project_dir("sql") / "bulk").glob("*.sql"))
