"""What a request's JSON must be before anything reads it: shallow enough to walk, text the
database can store (no lone UTF-16 surrogates; the GraphQL parser refuses those in a document),
and integers within 64 bits (what orjson and Neo4j carry; an Int variable's 32 bits are checked
when the variables are coerced)."""

from __future__ import annotations

import json
import re
from typing import Any

import orjson
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


#: a run of digits that may be an integer orjson reads inexactly
_LONG_NUMBER = re.compile(rb"\d{19}")


def _stdlib_json(data: str | bytes) -> Any:
    """The request's JSON read by `json`, with each refusal coded."""
    try:
        return json.loads(data, parse_int=json_int)
    except json.JSONDecodeError as exc:
        raise HttpError(
            400,
            Code.INVALID_JSON,
            f"malformed JSON in the request ({exc.msg}, character {exc.pos})",
        ) from None
    except RecursionError:
        raise HttpError(
            400,
            Code.BAD_REQUEST,
            f"the request nests arrays or objects more than {MAX_JSON_DEPTH} deep",
            maxDepth=MAX_JSON_DEPTH,
        ) from None
    except UnicodeDecodeError:
        raise HttpError(400, Code.INVALID_JSON, "the request body is not UTF-8") from None


def read_body(data: str | bytes, max_batch: int) -> Any:
    """A request body's JSON: one operation's object, or a batch of 1 to `max_batch`; refused
    with a coded error otherwise. orjson reads the usual body several times faster; one with a
    run of 19 digits or more (maybe an integer past 64 bits, which orjson would read as a
    float) and what orjson refuses (malformed text, NaN, nesting past its limit) go to `json`,
    whose refusals say where and why."""
    if _LONG_NUMBER.search(data if isinstance(data, bytes) else data.encode()):
        parsed = _stdlib_json(data)
    else:
        try:
            parsed = orjson.loads(data)
        except orjson.JSONDecodeError:
            parsed = _stdlib_json(data)
    inspect_json(parsed)
    if not isinstance(parsed, dict | list) or (
        isinstance(parsed, list) and not all(isinstance(item, dict) for item in parsed)
    ):
        raise HttpError(
            400,
            Code.BAD_REQUEST,
            "send a JSON object (or an array of objects for a batch): "
            "{query, variables, operationName, extensions}",
        )
    if isinstance(parsed, list) and (not parsed or len(parsed) > max_batch):
        raise HttpError(
            400,
            Code.BATCH_TOO_LARGE if parsed else Code.BAD_REQUEST,
            f"a batched request holds 1 to {max_batch} operations, not {len(parsed)}",
            operations=len(parsed),
            maxBatch=max_batch,
        )
    return parsed
