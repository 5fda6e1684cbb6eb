"""Cypher statements, each kept in its own file under `cypher/` and loaded by name."""

from __future__ import annotations

import re
from functools import cache

from bzpeer_graphql.resources import project_dir

#: where a statement takes a shared piece of Cypher: `{{ after_cursor(i.sort) }}` puts in
#: `cypher/fragments/after_cursor.cypher` with `i.sort` in place of its `{sort}`
_FRAGMENT = re.compile(r"\{\{\s*(\w+)\((.+?)\)\s*\}\}")


class UnknownQueryError(LookupError):
    """No file in `cypher/` has the name asked for."""


@cache
def load(name: str) -> str:
    """The text of `cypher/<name>.cypher`, e.g. `load("loaders/researcher_by_id")`, with the
    fragments it names put in."""
    return _FRAGMENT.sub(lambda found: fragment(found[1], found[2]), _read(name))


def fragment(name: str, argument: str) -> str:
    """`cypher/fragments/<name>.cypher` on one line, without its comments, `argument` in place
    of its slots (`{sort}`, any name in braces; a fragment of several slots takes one argument
    per slot, comma-separated, in the order the slots first appear), with the fragments it
    names put in."""
    lines = [line.strip() for line in _read(f"fragments/{name}").splitlines()]
    text = " ".join(line for line in lines if line and not line.startswith("//"))
    slots = list(dict.fromkeys(re.findall(r"\{(\w+)\}", text)))
    values = dict(zip(slots, _split(argument) if len(slots) > 1 else [argument], strict=True))
    text = re.sub(r"\{(\w+)\}\[(\d+)\]", lambda found: _item(values[found[1]], found[2]), text)
    text = re.sub(r"\{(\w+)\}", lambda found: values[found[1]], text)
    return _FRAGMENT.sub(lambda found: fragment(found[1], found[2]), text)


def _item(value: str, index: str) -> str:
    """`value[index]`, or the item itself when `value` is a list literal: Neo4j builds a list
    literal again wherever it is indexed, on every row (the keyset condition of a page read
    from an index indexed one up to nine times a row, a third of the statement's time)."""
    items = _split(value[1:-1]) if _closes_at_end(value) else []
    if int(index) >= len(items):
        return f"{value}[{index}]"
    return f"({items[int(index)]})"


def _closes_at_end(value: str) -> bool:
    """Whether `value` is one bracketed list: its `[` closed by its last character."""
    if not value.startswith("["):
        return False
    depth = 0
    for at, char in enumerate(value):
        depth += char in "([{"
        depth -= char in ")]}"
        if depth == 0:
            return at == len(value) - 1
    return False


def _split(arguments: str) -> list[str]:
    """Comma-separated arguments, each stripped; commas inside brackets stay."""
    parts, depth, current = [], 0, ""
    for char in arguments:
        depth += char in "([{"
        depth -= char in ")]}"
        if char == "," and depth == 0:
            parts.append(current.strip())
            current = ""
        else:
            current += char
    return [*parts, current.strip()]


def _read(name: str) -> str:
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
