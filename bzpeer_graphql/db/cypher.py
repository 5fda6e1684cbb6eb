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


#: fragments that are a conjunction of `(key.<field> IS NULL OR …)`, one per filter field
FILTER_FRAGMENTS = frozenset({"paper_filter", "researcher_filter"})
#: the fragment naming the filter fields whose ids name no node (`[]` for a filter of none)
UNKNOWN_IDS_FRAGMENT = "unknown_filter_ids"
#: where a statement's name says which filter fields its keys give: `loaders/papers_page@topic,
#: yearFrom` is `loaders/papers_page` with every other field's condition left out
VARIANT = "@"


@cache
def load(name: str) -> str:
    """The text of `cypher/<name>.cypher`, e.g. `load("loaders/researcher_by_id")`, with the
    fragments it names put in; a name with a variant (`variant`) keeps only the conditions of
    the filter fields it lists."""
    base, _, listed = name.partition(VARIANT)
    fields = frozenset(listed.split(",")) - {""} if VARIANT in name else None
    return _FRAGMENT.sub(lambda found: fragment(found[1], found[2], fields), _read(base))


def variant(name: str, given: set[str]) -> str:
    """The name of the statement `name` for keys giving the filter fields `given` (and no
    others): Neo4j plans a filter of two fields in milliseconds where the whole conjunction of
    every field took seconds, and tests no condition a key cannot meet. The name itself when
    the statement has no filter."""
    tested = filter_fields(name)
    if not tested:
        return name
    return f"{name}{VARIANT}{','.join(sorted(given & tested))}"


@cache
def filter_fields(name: str) -> frozenset[str]:
    """The filter fields the statement `name` tests (through its filter fragments)."""
    fields: set[str] = set()
    for found in _FRAGMENT.finditer(_read(name)):
        if found[1] in FILTER_FRAGMENTS:
            fields.update(field for field, _ in _conditions(fragment(found[1], found[2])))
    return frozenset(fields)


def fragment(name: str, argument: str, fields: frozenset[str] | None = None) -> str:
    """`cypher/fragments/<name>.cypher` on one line, without its comments, `argument` in place
    of its slots (`{sort}`, any name in braces; a fragment of several slots takes one argument
    per slot, comma-separated, in the order the slots first appear), with the fragments it
    names put in. With `fields`, a filter fragment keeps the conditions of those fields only
    (`true` for none), and the unknown-ids fragment is `[]` when none of them names a node."""
    lines = [line.strip() for line in _read(f"fragments/{name}").splitlines()]
    text = " ".join(line for line in lines if line and not line.startswith("//"))
    slots = list(dict.fromkeys(re.findall(r"\{(\w+)\}", text)))
    values = dict(zip(slots, _split(argument) if len(slots) > 1 else [argument], strict=True))
    text = re.sub(r"\{(\w+)\}\[(\d+)\]", lambda found: _item(values[found[1]], found[2]), text)
    text = re.sub(r"\{(\w+)\}", lambda found: values[found[1]], text)
    text = _FRAGMENT.sub(lambda found: fragment(found[1], found[2], fields), text)
    if fields is None:
        return text
    if name in FILTER_FRAGMENTS:
        kept = [condition for field, condition in _conditions(text) if field in fields]
        return f"({' AND '.join(kept)})" if kept else "true"
    if name == UNKNOWN_IDS_FRAGMENT and not fields & set(re.findall(r"\['(\w+)',", text)):
        return "[]"
    return text


def _conditions(text: str) -> list[tuple[str, str]]:
    """The conditions of a filter fragment's text, `((key.a IS NULL OR …) AND (…))`, each
    with the field it tests."""
    inner = text.strip()
    if not (inner.startswith("(") and _closes_at_end("[" + inner[1:-1] + "]")):
        raise ValueError(f"a filter fragment is one parenthesised conjunction: {text[:60]}")
    found = []
    for condition in _split(inner[1:-1], separator=" AND "):
        tested = re.match(r"\(key\.(\w+) IS NULL\b", condition)
        if tested is None:
            raise ValueError(
                f"a filter condition starts with (key.<field> IS NULL: {condition[:60]}"
            )
        found.append((tested[1], condition))
    return found


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


def _split(arguments: str, separator: str = ",") -> list[str]:
    """`arguments` split at each `separator` outside brackets, each part stripped."""
    parts, depth, current, at = [], 0, "", 0
    while at < len(arguments):
        char = arguments[at]
        if depth == 0 and arguments.startswith(separator, at):
            parts.append(current.strip())
            current = ""
            at += len(separator)
            continue
        depth += char in "([{"
        depth -= char in ")]}"
        current += char
        at += 1
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
