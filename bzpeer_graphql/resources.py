"""Where the project's data folders (`cypher/`, `sql/`, `seed_data/`) are, installed or in a
checkout."""

from __future__ import annotations

from pathlib import Path

_PACKAGE = Path(__file__).parent


def project_dir(name: str) -> Path:
    """The folder `name` as shipped in the wheel, else the one at the root of a source checkout."""
    for candidate in (_PACKAGE / "_data" / name, _PACKAGE.parent / name):
        if candidate.is_dir():
            return candidate
    raise FileNotFoundError(f"the project folder {name!r} is missing from this installation")
