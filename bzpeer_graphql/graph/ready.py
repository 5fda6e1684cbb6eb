"""Operations whose text is parsed and validated already: run without strawberry's extension
hooks, by the same checks the hooks make (`extensions.checked`, `cypher_stats`), called in
turn. Entering and leaving four extensions' hooks for parse, validation and execution cost a
small query about as much as its plan's own Python; the hooks stay for every other operation
(a first sight of a text, introspection, `@defer`/`@stream`, refused and invalid documents)."""

from __future__ import annotations

from collections.abc import Iterable
from typing import Any

from graphql import (
    DocumentNode,
    FragmentDefinitionNode,
    GraphQLError,
    GraphQLSchema,
    OperationDefinitionNode,
    default_field_resolver,
    default_type_resolver,
    specified_rules,
)
from graphql import ExecutionResult as GraphQLExecutionResult
from graphql.execution import experimental_execute_incrementally
from graphql.execution.collect_fields import FragmentDetails
from graphql.execution.values import VariableValues
from strawberry.execution import optimized_is_awaitable
from strawberry.types import ExecutionResult
from strawberry.types.graphql import OperationType

from bzpeer_graphql.engine.executor import PlannedExecutor
from bzpeer_graphql.graph.caches import PARSED, VALIDATED, parse_key, validation_key
from bzpeer_graphql.graph.extensions import checked, cypher_stats, note_operation
from bzpeer_graphql.policy.introspection import charged_early, only_introspects
from bzpeer_graphql.policy.variables import operation_of

#: strawberry's validation rules (no extension adds any), as the validation cache keys them
RULES = tuple(specified_rules)
#: directives only graphql-core's incremental delivery runs (a text naming them takes the hooks)
_INCREMENTAL = ("@defer", "@stream")


def ready(
    schema: Any,
    query: str | None,
    operation_name: str | None,
    allowed: Iterable[OperationType],
    context: Any,
) -> tuple[DocumentNode, OperationDefinitionNode] | None:
    """The document and operation of a text already parsed and validated without errors, whose
    operation is allowed here and asks no introspection or incremental delivery; else None."""
    settings = getattr(context, "settings", None)
    if settings is None or not query or any(name in query for name in _INCREMENTAL):
        return None
    document = PARSED.get(parse_key(query, {"max_tokens": settings.max_tokens}))
    if document is None:
        return None
    if VALIDATED.get(validation_key(schema._schema, query, RULES)) != []:
        return None
    operation = operation_of(document, operation_name)
    if operation is None or OperationType(operation.operation.value) not in allowed:
        return None
    if only_introspects(document, operation) or charged_early(
        document, operation, settings.max_cost, settings.introspection
    ):
        return None
    return document, operation


async def run_ready(
    schema: Any,
    found: tuple[DocumentNode, OperationDefinitionNode],
    variables: dict[str, Any] | None,
    context: Any,
    root_value: Any,
    operation_name: str | None,
) -> ExecutionResult:
    """Runs a `ready` operation as the hooks would: its name noted, its variables and limits
    checked, then executed from its plan; errors are coded by the caller (`settle`)."""
    document, operation = found
    graphql_schema = schema._schema
    name = operation_name or (operation.name.value if operation.name else None)
    note_operation(context, name)
    errors, values = checked(
        graphql_schema, document, operation, operation_name, variables, context
    )
    if errors:
        return ExecutionResult(data=None, errors=errors, extensions=cypher_stats(context))
    try:
        executor = (
            None
            if values is None
            else _executor(graphql_schema, document, operation, values, context, root_value)
        )
        if executor is not None:
            done = executor.execute_operation()
        else:
            done = experimental_execute_incrementally(
                graphql_schema,
                document,
                root_value=root_value,
                variable_values=variables,
                operation_name=operation_name,
                context_value=context,
                is_awaitable=optimized_is_awaitable,  # type: ignore[arg-type]
                executor_class=PlannedExecutor,
            )
        if optimized_is_awaitable(done):
            done = await done  # type: ignore[misc]
    except Exception as error:  # as strawberry answers an exception escaping execution
        wrapped = GraphQLError(str(error), original_error=error)
        return ExecutionResult(data=None, errors=[wrapped], extensions=cypher_stats(context))
    assert isinstance(done, GraphQLExecutionResult)  # no incremental directive in the text
    return ExecutionResult(data=done.data, errors=done.errors, extensions=cypher_stats(context))


def _executor(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode,
    values: VariableValues,
    context: Any,
    root_value: Any,
) -> PlannedExecutor | None:
    """graphql-core's executor for a ready operation, with the variables the limits coerced
    (its own `build` would coerce them again: a twentieth of a small request's CPU); None
    when a fragment declares variables of its own (graphql-core's `build` reads those)."""
    definitions: dict[str, FragmentDefinitionNode] = {}
    fragments: dict[str, FragmentDetails] = {}
    for definition in document.definitions:
        if isinstance(definition, FragmentDefinitionNode):
            if definition.variable_definitions:
                return None
            definitions[definition.name.value] = definition
            fragments[definition.name.value] = FragmentDetails(definition, None)
    return PlannedExecutor(
        schema,
        definitions,
        fragments,
        root_value,
        context,
        operation,
        values,
        default_field_resolver,
        default_type_resolver,
        default_field_resolver,
        is_awaitable=optimized_is_awaitable,
    )
