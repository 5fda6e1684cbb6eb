"""What every operation goes through: limits before it runs, coded errors after it, and its
Cypher round trips on request."""

from __future__ import annotations

import re
from collections.abc import AsyncIterator, Iterator
from typing import Any

from graphql import DocumentNode, GraphQLError, GraphQLSchema, OperationDefinitionNode
from graphql.execution.values import VariableValues
from strawberry.extensions import SchemaExtension
from strawberry.types import ExecutionResult

from bzpeer_graphql.errors import Code, coded
from bzpeer_graphql.policy.introspection import introspect, only_introspects
from bzpeer_graphql.policy.limits import costly, refusal
from bzpeer_graphql.policy.measured import measured
from bzpeer_graphql.policy.variables import coerce_variables, operation_of
from bzpeer_graphql.policy.walk import Limits
from bzpeer_graphql.web.observe import RequestRecord, record_of


def _record(context: Any) -> RequestRecord | None:
    """The record of the HTTP request this operation belongs to (None in-process)."""
    return record_of(getattr(getattr(context, "request", None), "scope", None))


#: graphql-core's hint at names the schema has ("Did you mean 'name'?"), in its messages
_SUGGESTION = re.compile(r"\s*Did you mean .*\?$", re.DOTALL)


def _without_suggestion(error: GraphQLError) -> GraphQLError:
    """The error without graphql-core's suggestion of similar names (introspection off)."""
    message = _SUGGESTION.sub("", error.message)
    if message == error.message:
        return error
    return GraphQLError(
        message,
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=error.original_error,
        extensions=error.extensions,
    )


def settle(result: ExecutionResult, context: Any) -> None:
    """Gives every error of a finished operation `extensions.code` and masks unexpected ones
    (see `errors.coded`); answers 503 when the database was unreachable; notes the codes and
    round trips in the request's record for its log line and metrics."""
    codes: list[str] = []
    if result.errors:
        result.errors = [coded(error) for error in result.errors]
        settings = getattr(context, "settings", None)
        if settings is not None and not settings.introspection:
            result.errors = [_without_suggestion(error) for error in result.errors]
        codes = [str((error.extensions or {}).get("code")) for error in result.errors]
    response = getattr(context, "response", None)
    if Code.SERVICE_UNAVAILABLE in codes and response is not None:
        response.status_code = 503
    record = _record(context)
    if record is not None:
        record.codes.extend(codes)
        trips = context.trips
        record.cypher_queries = trips.queries
        record.planner_errors += getattr(context, "planner_errors", 0)
        context.planner_errors = 0
        record.batches = list(trips.batches)


def cypher_stats(context: Any) -> dict[str, Any]:
    """`extensions.cypher {queries, dbMs, batches}` of a request asking with `X-Bzpeer-Debug`."""
    if not getattr(context, "debug", False):
        return {}
    trips = context.trips
    return {
        "cypher": {
            "queries": trips.queries,
            "dbMs": trips.db_ms,
            "batches": [{"query": name, "keys": keys} for name, keys in trips.batches],
        }
    }


def note_operation(context: Any, name: str | None) -> None:
    """Notes the operation's name in its request's record (for the access line)."""
    record = _record(context)
    if record is not None:
        record.operations.append(name or "anonymous")


def checked(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation: OperationDefinitionNode | None,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    context: Any,
) -> tuple[list[GraphQLError], VariableValues | None]:
    """Why the operation may not run: variables the schema refuses (an Int past 32 bits among
    them, before it is multiplied), else the first limit it breaks (tokens aside: the parser
    counts those), else its request's cost cap spent by the batch; empty when it may run. And
    the variables it coerced to check them (None when it had none to)."""
    settings = getattr(context, "settings", None)
    if settings is None:
        return [], None
    limits = Limits(
        max_depth=settings.max_depth,
        max_aliases=settings.max_aliases,
        max_cost=settings.max_cost,
        default_page_size=settings.default_page_size,
        introspection=settings.introspection,
    )
    values: VariableValues | None = None
    if operation is not None:
        coerced = coerce_variables(schema, operation, variables, settings.introspection)
        if isinstance(coerced, list):
            return coerced, None
        values = coerced
    found = measured(schema, document, operation_name, values.coerced if values else {}, limits)
    error = None if found is None else refusal(found, limits)
    if error is None and found is not None:
        error = _charge_batch(context, found.cost, limits.max_cost)
    return ([] if error is None else [error]), values


class CypherStats(SchemaExtension):
    """With `X-Bzpeer-Debug: 1`, adds `extensions.cypher {queries, dbMs}` to the response."""

    def get_results(self) -> dict[str, Any]:
        return cypher_stats(self.execution_context.context)


class RequestLimits(SchemaExtension):
    """Refuses, before execution, operations past the configured tokens, depth, aliases or cost,
    and introspection when it is turned off (see `limits.check`); notes the operation's name in
    the request's record."""

    def on_operation(self) -> Iterator[None]:
        execution = self.execution_context
        settings = getattr(execution.context, "settings", None)
        if settings is not None:
            execution.parse_options["max_tokens"] = settings.max_tokens
        yield
        # reached once the document parsed; its name is known from the document by now
        note_operation(execution.context, execution.operation_name)

    def on_validate(self) -> Iterator[None]:
        # listed after the validation cache, so this runs on a document already validated;
        # errors must be set before `yield`: strawberry reads them before the hooks exit
        context = self.execution_context
        if context.graphql_document is None or context.pre_execution_errors:
            yield
            return
        errors, _ = checked(
            context.schema._schema,
            context.graphql_document,
            operation_of(context.graphql_document, context.operation_name),
            context.operation_name,
            context.variables,
            context.context,
        )
        if errors:
            context.pre_execution_errors = errors
        yield

    async def on_execute(self) -> AsyncIterator[None]:
        # an operation that only introspects runs in its own thread (or comes from memory), so
        # that its pure-Python work never holds the event loop
        context = self.execution_context
        document = context.graphql_document
        operation = None if document is None else operation_of(document, context.operation_name)
        if (
            document is not None
            and operation is not None
            and not context.pre_execution_errors
            and only_introspects(document, operation)
        ):
            context.result = await introspect(
                context.schema._schema,
                document,
                context.query or "",
                context.operation_name,
                context.variables,
            )
        yield


def _charge_batch(context: Any, cost: int, max_cost: int) -> GraphQLError | None:
    """Adds an operation's cost to its HTTP request's; the operations of a batch share the cap."""
    scope = getattr(getattr(context, "request", None), "scope", None)
    if not isinstance(scope, dict):
        return None
    state = scope.setdefault("state", {})
    spent = int(state.get("cost", 0)) + cost
    if spent > max_cost:
        return costly(spent, max_cost, batch=True)
    state["cost"] = spent
    return None
