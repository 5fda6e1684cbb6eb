"""A field's checked arguments kept with its plan, per the values of the variables they read.

Plans outlive requests, and the requests of one document mostly differ in an id or two: the
page sizes, orderings and filters of their other fields are the same. Coercing those arguments
and checking them (`Load.args`, `Call.args`) then runs once per plan and values, not once per
request. A field whose arguments keep a value a later step could change (a `Step`'s resolver
arguments, a `Call` that takes its arguments as they came) is never kept.
"""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from graphql import FieldNode, ListValueNode, ObjectValueNode, ValueNode, VariableNode
from graphql.execution.values import VariableValues

#: the most value combinations kept for one field of one plan (then it starts afresh)
MAX_KEPT = 64
#: a variable the request did not give (unlike one given as null)
_ABSENT = object()


@dataclass
class KeptArguments:
    """The checked arguments of one field of a plan, by the values of the variables read."""

    #: the variables the field's arguments name, in order
    reads: tuple[str, ...]
    #: the settings the values were checked against (another app's settings start afresh)
    settings: object = None
    values: dict[Hashable, Any] = field(default_factory=dict)


def variables_read(node: FieldNode) -> tuple[str, ...]:
    """The names of the variables a field's arguments use, each once, in the order written."""
    names: dict[str, None] = {}

    def read(value: ValueNode) -> None:
        if isinstance(value, VariableNode):
            names[value.name.value] = None
        elif isinstance(value, ListValueNode):
            for item in value.values:
                read(item)
        elif isinstance(value, ObjectValueNode):
            for entry in value.fields:
                read(entry.value)

    for argument in node.arguments or ():
        read(argument.value)
    return tuple(names)


def kept(
    memo: KeptArguments,
    variables: VariableValues,
    settings: object,
    check: Callable[[], Any],
) -> Any:
    """The field's arguments as `check` makes them, made once per settings and values of the
    variables `memo` reads (values that cannot be a key are checked every time)."""
    coerced = variables.coerced
    key = tuple(coerced.get(name, _ABSENT) for name in memo.reads)
    try:
        hash(key)
    except TypeError:  # a list or input object given by a variable
        return check()
    if memo.settings is not settings or len(memo.values) >= MAX_KEPT:
        memo.settings = settings
        memo.values = {}
    found = memo.values.get(key, _ABSENT)
    if found is _ABSENT:
        found = memo.values[key] = check()
    return found
