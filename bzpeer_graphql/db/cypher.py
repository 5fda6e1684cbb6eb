"""Cypher statements, each kept in its own file under `cypher/` and loaded by name."""

from __future__ import annotations

from functools import cache

from bzpeer_graphql.resources import project_dir


class UnknownQueryError(LookupError):
    """No file in `cypher/` has the name asked for."""


@cache
def load(name: str) -> str:
    """The text of `cypher/<name>.cypher`, e.g. `load("loaders/researcher_by_id")`."""
    root = project_dir("cypher").resolve()
    path = (root / f"{name}.cypher").resolve()
    if root not in path.parents or not path.is_file():
        raise UnknownQueryError(f"no Cypher file named {name!r} in {root}")
    return path.read_text()


def statements(name: str) -> list[str]:
    """The statements of a file that holds several, each ended by a `;` at the end of a line."""
    found: list[str] = []
    current: list[str] = []
    for line in load(name).splitlines():
        stripped = line.strip()
        if not stripped or stripped.startswith("//"):
            continue
        current.append(line)
        if stripped.endswith(";"):
            found.append("\n".join(current).rstrip().rstrip(";"))
            current = []
    if current:
        found.append("\n".join(current))
    return found


def names(folder: str) -> list[str]:
    """The names of the Cypher files in `cypher/<folder>/`, sorted."""
    root = project_dir("cypher") / folder
    return sorted(f"{folder}/{path.stem}" for path in root.glob("*.cypher"))
