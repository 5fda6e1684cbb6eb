"""Several named read statements in one round trip: each runs as a subquery of one statement
(`cypher/bundle/part.cypher`), with its parameters renamed to its own, and its rows come back
as one list of maps."""

from __future__ import annotations

import re
from collections.abc import Iterator
from dataclasses import dataclass
from functools import cache

from bzpeer_graphql.db import cypher

_IDENTIFIER = re.compile(r"[A-Za-z_][A-Za-z0-9_]*")
_CLOSING = {")": "(", "]": "[", "}": "{"}


class NotBundled(ValueError):
    """A statement whose columns cannot be read off its text: it runs on its own."""


def _tokens(text: str) -> Iterator[tuple[int, int, str, int]]:
    """(start, end, kind, depth) of the statement's pieces outside comments and strings: kind is
    `word`, `param`, `,` or another single character; depth counts open brackets."""
    depth = 0
    at = 0
    while at < len(text):
        char = text[at]
        if text.startswith("//", at):
            at = text.find("\n", at)
            at = len(text) if at < 0 else at
        elif char in "'\"`":
            end = at + 1
            while end < len(text) and text[end] != char:
                end += 2 if text[end] == "\\" else 1
            at = end + 1
        elif char == "$":
            found = _IDENTIFIER.match(text, at + 1)
            if found is None:
                raise NotBundled("a parameter without a name")
            yield at, found.end(), "param", depth
            at = found.end()
        elif char.isalpha() or char == "_":
            found = _IDENTIFIER.match(text, at)
            assert found is not None
            yield at, found.end(), "word", depth
            at = found.end()
        else:
            if char in "([{":
                depth += 1
            elif char in _CLOSING:
                depth -= 1
            if not char.isspace():
                yield at, at + 1, char, depth
            at += 1


def _columns(text: str) -> tuple[str, ...]:
    """The names of the columns the statement's last top-level RETURN gives."""
    tokens = list(_tokens(text))
    starts = [
        i
        for i, (start, end, kind, depth) in enumerate(tokens)
        if depth == 0 and kind == "word" and _is(text, start, end, "RETURN")
    ]
    if not starts:
        raise NotBundled("no RETURN at the top level")
    items: list[list[tuple[int, int, str, int]]] = [[]]
    for token in tokens[starts[-1] + 1 :]:
        start, end, kind, depth = token
        keyword = not items[-1] or items[-1][-1][2] != "."  # `f.limit` is a property
        if (
            depth == 0
            and kind == "word"
            and keyword
            and _is(text, start, end, "ORDER", "SKIP", "LIMIT")
        ):
            break
        if depth == 0 and kind == ",":
            items.append([])
        elif not (depth == 0 and kind == "word" and _is(text, start, end, "DISTINCT")):
            items[-1].append(token)
    names = []
    for item in items:
        last = item[-1] if item else None
        aliased = len(item) >= 3 and _is(text, item[-2][0], item[-2][1], "AS")
        if last is None or last[2] != "word" or not (aliased or len(item) == 1):
            raise NotBundled("a column without a name")
        names.append(text[last[0] : last[1]])
    return tuple(names)


def _is(text: str, start: int, end: int, *words: str) -> bool:
    return text[start:end].upper() in words


def _renamed(text: str, prefix: str, keys: str | None = None) -> str:
    """The statement with every parameter `$x` renamed `$<prefix>x`; `$keys` becomes the
    variable `keys` when given."""
    pieces = []
    at = 0
    for start, end, kind, _ in _tokens(text):
        if kind == "param":
            name = text[start + 1 : end]
            renamed = keys if keys is not None and name == "keys" else f"${prefix}{name}"
            pieces += [text[at:start], renamed]
            at = end
    pieces.append(text[at:])
    return "".join(pieces)


def _template(name: str) -> str:
    return _uncommented(cypher.load(name))


def _uncommented(text: str) -> str:
    """`text` without its comment lines and blank lines."""
    lines = text.splitlines()
    return "\n".join(line for line in lines if line.strip() and not line.lstrip().startswith("//"))


@cache
def columns(name: str) -> tuple[str, ...]:
    """The columns of `cypher/<name>.cypher`."""
    return _columns(cypher.load(name))


def prefix(index: int) -> str:
    """What the parameters of the bundle's part `index` are renamed with."""
    return f"p{index}_"


@dataclass(frozen=True)
class Derived:
    """Where a part's keys come from: the nodes of the part `source` (in its rows' `node`, or
    in the `items` of its pages), their ids read as a property (`.id`) or, for a node projected
    to a list, at the index `$<prefix>at`; a key per id and map of `$<prefix>templates`: the id
    itself (the maps are then `[null]`), or the map with the id set. With `neighbours`, the
    source's rows are slice steps: each neighbour they list, as `{id, kind}`, is set into each
    template (its `id` and `kind`)."""

    source: int
    items: bool
    projected: bool
    templated: bool
    neighbours: bool = False


@cache
def compose(parts: tuple[tuple[str, Derived | None], ...]) -> str:
    """One statement running the named files in order; its one row holds a list `p<i>` of maps
    per file, and for a derived part the ids, template indexes and keys it ran for
    (`p<i>_ids`, `p<i>_which`, `p<i>_keys`).
    Raises `NotBundled` for a file whose columns cannot be read."""
    part = _template("bundle/part")
    derived_part = _template("bundle/derived")
    pieces = []
    returned = []
    for index, (name, derived) in enumerate(parts):
        own = f"p{index}"
        row = ", ".join(f"`{column}`: `{column}`" for column in columns(name))
        if derived is None:
            statement = _renamed(cypher.load(name), prefix(index))
            piece = part.replace("ROW", "{" + row + "}").replace("NAME", own)
        else:
            statement = _renamed(cypher.load(name), prefix(index), keys=f"{own}_keys")
            if derived.neighbours:
                nodes = _template("bundle/neighbours")
                wire = "template {.*, id: id.id, kind: id.kind}"
            else:
                nodes = _template("bundle/items" if derived.items else "bundle/rows")
                wire = "template {.*, id: id}" if derived.templated else "id"
            ids = nodes.replace("SOURCE", f"p{derived.source}").replace(
                "ID", f"[${own}_at]" if derived.projected else ".id"
            )
            piece = (
                derived_part.replace("SOURCE", f"p{derived.source}")
                .replace("IDS", ids)
                .replace("WIRE", wire)
                .replace("ROW", "{" + row + "}")
                .replace("NAME", own)
            )
            returned += [f"{own}_ids", f"{own}_which", f"{own}_keys"]
        pieces.append(piece.replace("STATEMENT", statement))
        returned.append(own)
    end = _template("bundle/end").replace("NAMES", ", ".join(returned))
    # without the files' comment lines: the text goes over the wire with every request
    return _uncommented("\n".join([*pieces, end]))
