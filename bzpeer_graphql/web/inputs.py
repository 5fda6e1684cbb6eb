"""What a request's JSON must be before anything reads it: shallow enough to walk, and text the
database can store (no lone UTF-16 surrogates; the GraphQL parser refuses those in a document)."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.errors import Code, HttpError

#: the deepest nesting of arrays and objects a request body (or its variables) may have
MAX_JSON_DEPTH = 64


def is_text(value: str) -> bool:
    """Whether `value` is storable text: no lone surrogate (as `"\\ud800"` in JSON decodes to)."""
    try:
        value.encode("utf-8")
    except UnicodeEncodeError:
        return False
    return True


def inspect_json(value: Any) -> None:
    """Refuses JSON nested deeper than MAX_JSON_DEPTH or holding a string that is not text."""
    pending: list[tuple[Any, int]] = [(value, 1)]
    while pending:
        item, depth = pending.pop()
        if isinstance(item, str):
            if not is_text(item):
                raise HttpError(
                    400,
                    Code.BAD_USER_INPUT,
                    "the request holds a string with a lone UTF-16 surrogate; send Unicode text",
                )
            continue
        if not isinstance(item, dict | list):
            continue
        if depth > MAX_JSON_DEPTH:
            raise HttpError(
                400,
                Code.BAD_REQUEST,
                f"the request nests arrays or objects more than {MAX_JSON_DEPTH} deep",
                maxDepth=MAX_JSON_DEPTH,
            )
        children = [*item.keys(), *item.values()] if isinstance(item, dict) else item
        pending.extend((child, depth + 1) for child in children)
