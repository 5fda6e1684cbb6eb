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
FILTER_FRAGMENTS = frozenset({"paper_filter", "paper_filter_linked", "researcher_filter"})
#: where a statement's name says which key fields its batch gives: `loaders/papers_page@after,
#: topic` is `loaders/papers_page` with the conditions of every other field left out
VARIANT = "@"
#: a fragment's line `// without a, b: text`: with a variant giving none of a, b, the fragment is
#: `text` (a cursor condition without a cursor is `true`)
_WITHOUT = re.compile(r"^// without ([\w, ]+): (.*?) *$", re.MULTILINE)


@cache
def load(name: str) -> str:
    """The text of `cypher/<name>.cypher`, e.g. `load("loaders/researcher_by_id")`, with the
    fragments it names put in; a name with a variant (`variant`) keeps only the conditions of
    the key fields it lists."""
    base, _, listed = name.partition(VARIANT)
    fields = frozenset(listed.split(",")) - {""} if VARIANT in name else None
    return _FRAGMENT.sub(lambda found: fragment(found[1], found[2], fields), _read(base))


def variant(name: str, given: set[str]) -> str:
    """The name of the statement `name` for a batch whose keys give the fields `given` (and no
    others): Neo4j plans a filter of two fields in milliseconds where the whole conjunction of
    every field took seconds, and tests no condition per row that no key can meet (a first
    page tests no cursor). The name itself when no fragment of the statement depends on it."""
    tested = variant_fields(name)
    if not tested:
        return name
    return f"{name}{VARIANT}{','.join(sorted(given & tested))}"


@cache
def variant_fields(name: str) -> frozenset[str]:
    """The key fields whose presence changes the text of the statement `name`: those its filter
    fragments test and those its fragments' `// without` lines name."""
    return frozenset(_tested(_read(name)))


def _tested(text: str) -> set[str]:
    """The variant fields of the fragments `text` names (comment lines aside), and theirs."""
    fields: set[str] = set()
    code = "\n".join(line for line in text.splitlines() if not line.lstrip().startswith("//"))
    for found in _FRAGMENT.finditer(code):
        if found[1] in FILTER_FRAGMENTS:
            for read, _ in _conditions(fragment(found[1], found[2])):
                fields |= read
        raw = _read(f"fragments/{found[1]}")
        for listed, _ in _WITHOUT.findall(raw):
            fields.update(field.strip() for field in listed.split(",") if field.strip())
        fields |= _tested(raw)
    return fields


def fragment(name: str, argument: str, fields: frozenset[str] | None = None) -> str:
    """`cypher/fragments/<name>.cypher` on one line, without its comments, `argument` in place
    of its slots (`{sort}`, any name in braces; a fragment of several slots takes one argument
    per slot, comma-separated, in the order the slots first appear), with the fragments it
    names put in. With `fields` (a variant's), a filter fragment keeps the conditions of those
    fields only (`true` for none), and a fragment with a `// without` line naming none of them
    is that line's text."""
    raw = _read(f"fragments/{name}")
    if fields is not None:
        for listed, replacement in _WITHOUT.findall(raw):
            if not fields & {field.strip() for field in listed.split(",")}:
                return str(replacement)
    lines = [line.strip() for line in raw.splitlines()]
    text = " ".join(line for line in lines if line and not line.startswith("//"))
    slots = list(dict.fromkeys(re.findall(r"\{(\w+)\}", text)))
    values = dict(zip(slots, _split(argument) if len(slots) > 1 else [argument], strict=True))
    text = re.sub(r"\{(\w+)\}\[(\d+)\]", lambda found: _item(values[found[1]], found[2]), text)
    text = re.sub(r"\{(\w+)\}", lambda found: values[found[1]], text)
    text = _FRAGMENT.sub(lambda found: fragment(found[1], found[2], fields), text)
    if fields is not None and name in FILTER_FRAGMENTS:
        kept = [condition for read, condition in _conditions(text) if read & fields]
        return f"({' AND '.join(kept)})" if kept else "true"
    return text


def _conditions(text: str) -> list[tuple[frozenset[str], str]]:
    """The conditions of a filter fragment's text, `((key.a IS NULL OR …) AND (…))`, each with
    the key fields it reads: a condition holds for every row when all of those are null (a
    filter field left out asks nothing), so a variant giving none of them leaves it out."""
    inner = text.strip()
    if not (inner.startswith("(") and _closes_at_end("[" + inner[1:-1] + "]")):
        raise ValueError(f"a filter fragment is one parenthesised conjunction: {text[:60]}")
    found = []
    for condition in _split(inner[1:-1], separator=" AND "):
        read = frozenset(re.findall(r"\bkey\.(\w+)", condition))
        if not read:
            raise ValueError(f"a filter condition reads no key field: {condition[:60]}")
        found.append((read, condition))
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
