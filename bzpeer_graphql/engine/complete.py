"""Leaf values completed as graphql-core completes them, with the common cases made cheap."""

from __future__ import annotations

import math
from collections.abc import Callable
from enum import Enum
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    GraphQLString,
)


class NullForNonNull(Exception):
    """A null where the schema promises a value (graphql-core's "Cannot return null")."""


def _string(value: Any) -> Any:
    return value if type(value) is str else _slow


def _int(value: Any) -> Any:
    return value if type(value) is int and -(2**31) <= value < 2**31 else _slow


def _float(value: Any) -> Any:
    return value if type(value) is float and math.isfinite(value) else _slow


def _boolean(value: Any) -> Any:
    return value if type(value) is bool else _slow


_slow = object()
#: value types whose equal values serialise alike (an enum member hashes as itself)
_HASHABLE = (str, int)
#: leaf types whose values graphql-core returns unchanged when they are of this Python type
EXACT: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
_FAST: dict[Any, Callable[[Any], Any]] = {
    GraphQLString.name: _string,
    GraphQLID.name: _string,
    GraphQLInt.name: _int,
    GraphQLFloat.name: _float,
    GraphQLBoolean.name: _boolean,
}


def completer(of: GraphQLOutputType) -> Callable[[Any], Any]:
    """Completes a leaf value of type `of` as graphql-core does; raises as graphql-core would."""
    nonnull = isinstance(of, GraphQLNonNull)
    inner = of.of_type if isinstance(of, GraphQLNonNull) else of
    if isinstance(inner, GraphQLList):
        item = completer(inner.of_type)

        def complete_list(value: Any) -> Any:
            if value is None:
                if nonnull:
                    raise NullForNonNull
                return None
            return [item(v) for v in value]

        return complete_list
    leaf: GraphQLLeafType = inner  # type: ignore[assignment]
    fast = _FAST.get(leaf.name)
    #: an enum's few values, each serialised once: the same value always gives the same name
    names: dict[Any, Any] | None = {} if isinstance(leaf, GraphQLEnumType) else None

    def complete(value: Any) -> Any:
        if value is None:
            if nonnull:
                raise NullForNonNull
            return None
        if fast is not None:
            done = fast(value)
            if done is not _slow:
                return done
        if names is not None and (type(value) in _HASHABLE or isinstance(value, Enum)):
            name = names.get(value)
            if name is None:
                name = names[value] = serialise(value)
            return name
        return serialise(value)

    def serialise(value: Any) -> Any:
        coerced = leaf.coerce_output_value(value)
        if coerced is None:
            raise NullForNonNull
        return coerced

    return complete
