"""Running the schema in-process, without HTTP: `await execute(query, variables)`."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.context import Context
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.policy.auth import Viewer
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.endpoint import Runtime

_runtimes: dict[Settings, Runtime] = {}


async def execute(
    query: str,
    variables: dict[str, Any] | None = None,
    *,
    operation_name: str | None = None,
    settings: Settings | None = None,
    viewer: Viewer | None = None,
) -> dict[str, Any]:
    """Runs one GraphQL operation and returns the response as HTTP would: data, errors.

    `viewer` acts as the signed-in user (the embedding app has authenticated them itself)."""
    chosen = settings or Settings.from_env()
    runtime = _runtimes.get(chosen)
    if runtime is None:
        runtime = _runtimes[chosen] = Runtime(chosen)
    context = Context(db=runtime.db, settings=chosen, viewer=viewer, hub=runtime.hub)
    result = await schema.execute(
        query, variable_values=variables, context_value=context, operation_name=operation_name
    )
    response: dict[str, Any] = {"data": result.data}
    if result.errors:
        response["errors"] = [error.formatted for error in result.errors]
    if result.extensions:
        response["extensions"] = result.extensions
    return response


async def close() -> None:
    """Closes the database drivers `execute` opened."""
    while _runtimes:
        _, runtime = _runtimes.popitem()
        await runtime.close()
