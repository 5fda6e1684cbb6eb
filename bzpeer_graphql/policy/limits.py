"""What one operation may ask for: the ceilings its measure (`policy.walk`) is held to, and
the coded errors refusing it (too deep, too many aliases, too costly, too wide, introspection
turned off)."""

from __future__ import annotations

from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
)

from bzpeer_graphql.errors import Code
from bzpeer_graphql.policy.walk import Limits, Measure, measure

#: the most selections one selection set, and one document, may hold: graphql-core's
#: overlapping-fields rule compares the fields of a set pairwise, so 4,900 in one set kept
#: validation busy ~350 ms and 24 sets of 200 ~850 ms (docs/operations.md)
MAX_SELECTIONS = 100
MAX_DOCUMENT_SELECTIONS = 1000


def limit_error(message: str, code: str, **extensions: Any) -> GraphQLError:
    """An error refusing the whole operation, with its stable code."""
    return GraphQLError(message, extensions={"code": code, **extensions})


def check(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    limits: Limits,
) -> GraphQLError | None:
    """The first limit the operation breaks, or None when it may run."""
    found = measure(schema, document, operation_name, variables, limits)
    return None if found is None else refusal(found, limits)


def refusal(found: Measure, limits: Limits) -> GraphQLError | None:
    """The error for the first limit `found` breaks, or None."""
    if found.introspects and not limits.introspection:
        return introspection_off()
    if found.depth > limits.max_depth:
        return limit_error(
            f"the query is {found.depth} levels deep; at most {limits.max_depth} are allowed",
            Code.QUERY_TOO_DEEP,
            depth=found.depth,
            maxDepth=limits.max_depth,
        )
    if found.aliases > limits.max_aliases:
        return limit_error(
            f"the query has {found.aliases} aliases; at most {limits.max_aliases} are allowed",
            Code.TOO_MANY_ALIASES,
            aliases=found.aliases,
            maxAliases=limits.max_aliases,
        )
    if found.cost > limits.max_cost:
        return costly(found.cost, limits.max_cost)
    return None


def introspection_off() -> GraphQLError:
    """INTROSPECTION_DISABLED, for an operation with `__schema` or `__type`."""
    return limit_error("introspection is turned off on this server", Code.INTROSPECTION_DISABLED)


def costly(cost: int, max_cost: int, batch: bool = False) -> GraphQLError:
    """QUERY_TOO_COSTLY for an operation (or, with `batch`, a batch so far) of `cost`."""
    what = "the operations of this batch" if batch else "the query"
    return limit_error(
        f"{what} could fetch {cost} objects; at most {max_cost} are allowed: ask for fewer "
        "items (`first`, `maxNodes`) or fewer nested lists",
        Code.QUERY_TOO_COSTLY,
        cost=cost,
        maxCost=max_cost,
    )


def too_wide(document: DocumentNode) -> GraphQLError | None:
    """QUERY_TOO_WIDE when a selection set holds more than MAX_SELECTIONS, or the document more
    than MAX_DOCUMENT_SELECTIONS (checked before validation, in one pass over the document)."""
    pending: list[SelectionSetNode] = [
        d.selection_set
        for d in document.definitions
        if isinstance(d, OperationDefinitionNode | FragmentDefinitionNode)
    ]
    total = 0
    while pending:
        selections = pending.pop()
        size = len(selections.selections)
        total += size
        if size > MAX_SELECTIONS or total > MAX_DOCUMENT_SELECTIONS:
            return limit_error(
                f"the query holds over {MAX_DOCUMENT_SELECTIONS} selections, or over "
                f"{MAX_SELECTIONS} in one selection set",
                Code.QUERY_TOO_WIDE,
                maxSelections=MAX_SELECTIONS,
                maxDocumentSelections=MAX_DOCUMENT_SELECTIONS,
            )
        pending.extend(
            s.selection_set
            for s in selections.selections
            if isinstance(s, FieldNode | InlineFragmentNode) and s.selection_set is not None
        )
    return None
