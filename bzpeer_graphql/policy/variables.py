"""The values a client gives, checked before anything measures them: integer literals within 64
bits before validation (graphql-core's own check would convert a 5,000-digit one, which Python
refuses), and an operation's variables coerced to their declared types, so that the cost walk
only ever sees values the schema accepts (an Int is 32 bits)."""

from __future__ import annotations

from typing import Any

from graphql import (
    BREAK,
    DocumentNode,
    GraphQLError,
    GraphQLSchema,
    IntValueNode,
    OperationDefinitionNode,
    Visitor,
    visit,
)
from graphql.execution.values import VariableValues, get_variable_values

from bzpeer_graphql.errors import Code

#: the most refused variables reported for one operation
MAX_VARIABLE_ERRORS = 10
#: the most characters of an integer within 64 bits (a sign and 19 digits)
_INT64_CHARS = 20
_INT64 = range(-(2**63), 2**63)


def within_64_bits(text: str) -> bool:
    """Whether the integer written `text` is a signed 64-bit one (checked by its length before
    Python converts it: past 4,300 digits that conversion is itself a ValueError)."""
    return len(text) <= _INT64_CHARS and int(text) in _INT64


class _FindLargeInteger(Visitor):
    """Stops at the first integer literal past 64 bits."""

    found: IntValueNode | None = None

    def enter_int_value(self, node: IntValueNode, *_: Any) -> Any:
        if not within_64_bits(node.value):
            self.found = node
            return BREAK
        return None


def out_of_range(document: DocumentNode) -> GraphQLError | None:
    """BAD_USER_INPUT for the first integer literal of the document past 64 bits, or None (one
    within 64 bits but past 32 in an Int argument is validation's, coded the same)."""
    finder = _FindLargeInteger()
    visit(document, finder)
    if finder.found is None:
        return None
    return GraphQLError(
        "the query holds an integer beyond 64 bits (an Int is 32 bits: -2147483648 to 2147483647)",
        nodes=finder.found,
        extensions={"code": Code.BAD_USER_INPUT},
    )


def operation_of(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    """The operation `name` picks (the only one when `name` is None), or None."""
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)


def coerce_variables(
    schema: GraphQLSchema,
    operation: OperationDefinitionNode,
    variables: dict[str, Any] | None,
    suggest: bool = True,
) -> VariableValues | list[GraphQLError]:
    """The variables as the operation declares them (defaults filled in; `.coerced` by name),
    as graphql-core's executor takes them, or BAD_USER_INPUT errors for those the schema
    refuses."""
    found = get_variable_values(
        schema,
        operation.variable_definitions or (),
        variables or {},
        max_errors=MAX_VARIABLE_ERRORS,
        hide_suggestions=not suggest,
    )
    if not isinstance(found, list):
        return found
    return [
        GraphQLError(
            error.message,
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            extensions={**(error.extensions or {}), "code": Code.BAD_USER_INPUT},
        )
        for error in found
    ]


class ReadVariables(dict[str, Any]):
    """Variables that note each name looked up (`read`), by `get`, `[]` or `in`."""

    def __init__(self, values: dict[str, Any]) -> None:
        super().__init__(values)
        self.read: set[str] = set()

    def __getitem__(self, name: str) -> Any:
        self.read.add(name)
        return super().__getitem__(name)

    def get(self, name: str, default: Any = None) -> Any:
        self.read.add(name)
        return super().get(name, default)

    def __contains__(self, name: object) -> bool:
        if isinstance(name, str):
            self.read.add(name)
        return super().__contains__(name)
