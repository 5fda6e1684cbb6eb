"""graphql-core's input messages in GraphQL's words: the values it quotes written as GraphQL
literals (`{a: 1}`, `[1, true, null]`, `"x"`), not as Python reprs (`{'a': 1}`, `None`)."""

from __future__ import annotations

import importlib
import json
from typing import Any

#: graphql-core's modules whose messages quote input values (through `inspect`)
QUOTING = (
    "graphql.type.scalars",
    "graphql.utilities.validate_input_value",
    "graphql.utilities.coerce_input_value",
)
#: the longest value a message quotes; longer ones are cut with an ellipsis
MAX_QUOTED = 200


def literal(value: Any) -> str:
    """A value as a GraphQL literal, cut to `MAX_QUOTED` characters."""
    written = _literal(value, 0)
    return written if len(written) <= MAX_QUOTED else written[: MAX_QUOTED - 1] + "…"


def _literal(value: Any, depth: int) -> str:
    if depth > 4:
        return "…"
    if value is None:
        return "null"
    if isinstance(value, bool):
        return "true" if value else "false"
    if isinstance(value, str):
        return json.dumps(value, ensure_ascii=False)
    if isinstance(value, int | float):
        return repr(value)
    if isinstance(value, dict):
        fields = ", ".join(f"{key}: {_literal(item, depth + 1)}" for key, item in value.items())
        return "{" + fields + "}"
    if isinstance(value, list | tuple):
        return "[" + ", ".join(_literal(item, depth + 1) for item in value) + "]"
    return json.dumps(str(value), ensure_ascii=False)


def speak_graphql() -> None:
    """Makes graphql-core's input coercion quote values as GraphQL literals."""
    for name in QUOTING:
        setattr(importlib.import_module(name), "inspect", literal)  # noqa: B010


def reworded(message: str) -> str:
    """A coercion message with Python's words for null put in GraphQL's."""
    return message.replace(" not to be None.", " not to be null.")
