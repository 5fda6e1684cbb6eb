"""What a request's JSON must be before anything reads it: shallow enough to walk, text the
database can store (no lone UTF-16 surrogates; the GraphQL parser refuses those in a document),
and integers within 64 bits (what orjson and Neo4j carry; an Int variable's 32 bits are checked
when the variables are coerced)."""

from __future__ import annotations

from typing import Any

from strawberry.http import GraphQLRequestData

from bzpeer_graphql.errors import Code, HttpError
from bzpeer_graphql.policy.variables import within_64_bits

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


def json_int(text: str) -> int:
    """A JSON integer's value (json.loads' `parse_int`), refused past 64 bits before Python
    converts it (a 4,300-digit one would be a ValueError, a 400-digit one a cost orjson cannot
    write)."""
    if not within_64_bits(text):
        raise HttpError(
            200,
            Code.BAD_USER_INPUT,
            "the request holds an integer beyond 64 bits (an Int is 32 bits: -2147483648 to "
            "2147483647)",
        )
    return int(text)


def check_shape(data: GraphQLRequestData) -> None:
    """An operation's query and operationName are strings, its variables and extensions
    objects (strawberry checks this for a single operation, not for those of a batch)."""
    for name, value, kind in (
        ("query", data.query, str),
        ("operationName", data.operation_name, str),
        ("variables", data.variables, dict),
        ("extensions", data.extensions, dict),
    ):
        if value is not None and not isinstance(value, kind):
            what = "a string" if kind is str else "an object"
            raise HttpError(400, Code.BAD_REQUEST, f"`{name}` must be {what} or null")
