"""An operation's measure kept with its document: measured again only for new values of the
variables the walk read (a page size, a depth), not for every new id."""

from __future__ import annotations

import weakref
from collections import OrderedDict
from collections.abc import Hashable
from enum import Enum
from typing import Any

from graphql import DocumentNode, GraphQLSchema

from bzpeer_graphql.policy.walk import Limits, Measure, measure

#: operations whose measures one process keeps, and measures kept per operation
MAX_OPERATIONS = 1024
MAX_PER_OPERATION = 64


class _Kept:
    """The measures of one operation, by the values of the variables they read."""

    def __init__(self, document: DocumentNode) -> None:
        self.document = weakref.ref(document)
        self.read: frozenset[str] | None = None
        self.by_values: dict[Hashable, Measure] = {}


_KEPT: OrderedDict[tuple[int, int, str | None, Limits], _Kept] = OrderedDict()


def measured(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any],
    limits: Limits,
) -> Measure | None:
    """`limits.measure`, from memory when this document was measured for the same values of
    the variables its walk read."""
    key = (id(schema), id(document), operation_name, limits)
    kept = _KEPT.get(key)
    if kept is None or kept.document() is not document:
        kept = _KEPT[key] = _Kept(document)
        while len(_KEPT) > MAX_OPERATIONS:
            _KEPT.popitem(last=False)
    _KEPT.move_to_end(key)
    values = None if kept.read is None else _values(variables, kept.read)
    if values is not None:
        found = kept.by_values.get(values)
        if found is not None:
            return found
    found = measure(schema, document, operation_name, variables, limits)
    if found is None:
        return None
    kept.read = found.read
    values = _values(variables, found.read)
    if values is not None and len(kept.by_values) < MAX_PER_OPERATION:
        kept.by_values[values] = found
    return found


def _values(variables: dict[str, Any], names: frozenset[str]) -> Hashable | None:
    """The values of `names` among `variables` (a name left out apart from a null)."""
    return _frozen({name: variables.get(name, _ABSENT) for name in names})


#: a variable not given at all
_ABSENT = ("absent",)


def _frozen(value: Any) -> Hashable | None:
    """`value` as a hashable equal for equal values (None when it holds something that is not
    JSON-like)."""
    if isinstance(value, dict):
        items = [(name, _frozen(item)) for name, item in sorted(value.items())]
        if any(item is None and value[name] is not None for name, item in items):
            return None
        return ("{", tuple(items))
    if isinstance(value, list | tuple):
        frozen = [_frozen(item) for item in value]
        if any(item is None and value[i] is not None for i, item in enumerate(frozen)):
            return None
        return ("[", tuple(frozen))
    if value is _ABSENT:
        return value
    if value is None or isinstance(value, str | int | float | bool | Enum):
        return (type(value).__name__, value)
    return None
