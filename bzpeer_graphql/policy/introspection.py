"""Operations that only introspect, answered off the event loop and, when they are asked again,
from memory: the schema does not change while the process runs, so neither do their answers."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import Iterator
from concurrent.futures import ThreadPoolExecutor
from functools import partial
from typing import Any

from graphql import (
    DocumentNode,
    ExecutionResult,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    execute_sync,
)

from bzpeer_graphql.policy.costs import INTROSPECTION_COST
from bzpeer_graphql.policy.limits import costly, introspection_off

#: the root fields of an operation that only introspects
META_FIELDS = frozenset({"__schema", "__type", "__typename"})
#: how many answers (each up to ~1 MB in memory for a full introspection) are kept
MAX_ANSWERS = 8

#: one thread: introspection is pure Python, so more threads would only take the interpreter
#: lock from the event loop more often
_EXECUTOR = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bzpeer-introspection")
_Key = tuple[int, str, str | None]
_ANSWERS: OrderedDict[_Key, ExecutionResult] = OrderedDict()
_PENDING: dict[tuple[asyncio.AbstractEventLoop, _Key], asyncio.Future[ExecutionResult]] = {}


def root_fields(document: DocumentNode, operation: OperationDefinitionNode) -> Iterator[str]:
    """The names of `operation`'s root fields, through its fragments (each spread once)."""
    fragments = {
        d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
    }
    pending: list[SelectionSetNode] = [operation.selection_set]
    seen: set[str] = set()
    while pending:
        for selection in pending.pop().selections:
            if isinstance(selection, FieldNode):
                yield selection.name.value
            elif isinstance(selection, InlineFragmentNode):
                pending.append(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    pending.append(fragments[name].selection_set)


def only_introspects(document: DocumentNode, operation: OperationDefinitionNode) -> bool:
    """Whether every root field of `operation` (through its fragments) is an introspection one."""
    return all(name in META_FIELDS for name in root_fields(document, operation))


def charged_early(
    document: DocumentNode,
    operation: OperationDefinitionNode,
    max_cost: int,
    allowed: bool,
) -> GraphQLError | None:
    """The refusal of an operation whose root introspection fields alone are past the cap (or
    not allowed), found from its root selections before graphql-core validates anything: 30
    aliased full introspections took ~30-90 ms of validation each only to be refused after."""
    cost = 0
    for name in root_fields(document, operation):
        charge = INTROSPECTION_COST.get(name)
        if charge is None:
            continue
        if not allowed:
            return introspection_off()
        cost += charge
    return costly(cost, max_cost) if cost > max_cost else None


async def introspect(
    schema: GraphQLSchema,
    document: DocumentNode,
    text: str,
    operation_name: str | None,
    variables: dict[str, Any] | None,
) -> ExecutionResult:
    """The answer of an operation that only introspects: from memory when this text (without
    variables) was answered before, else computed in the introspection thread."""
    run = partial(
        execute_sync, schema, document, variable_values=variables, operation_name=operation_name
    )
    loop = asyncio.get_running_loop()
    if variables:
        return await loop.run_in_executor(_EXECUTOR, run)
    key = (id(schema), text, operation_name)
    kept = _ANSWERS.get(key)
    if kept is not None:
        _ANSWERS.move_to_end(key)
        return ExecutionResult(kept.data)
    # requests asking the same text meanwhile wait on this one computation
    pending = _PENDING.get((loop, key))
    if pending is None:
        pending = _PENDING[(loop, key)] = loop.run_in_executor(_EXECUTOR, run)
        pending.add_done_callback(lambda _: _PENDING.pop((loop, key), None))
    result = await asyncio.shield(pending)
    if not result.errors:
        _ANSWERS[key] = result
        while len(_ANSWERS) > MAX_ANSWERS:
            _ANSWERS.popitem(last=False)
    return ExecutionResult(result.data, result.errors)
