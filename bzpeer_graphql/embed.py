"""Running the schema in-process, without HTTP: `await execute(query, variables)`."""

from __future__ import annotations

from collections.abc import Mapping
from typing import Any

from bzpeer_graphql.client import Client
from bzpeer_graphql.policy.auth import Viewer
from bzpeer_graphql.settings import Settings

#: the client of `execute` calls that name neither a client nor settings
_default: Client | None = None


async def execute(
    query: str,
    variables: Mapping[str, Any] | None = None,
    *,
    operation_name: str | None = None,
    settings: Settings | None = None,
    viewer: Viewer | None = None,
    client: Client | None = None,
) -> dict[str, Any]:
    """Runs one GraphQL operation and returns the response as HTTP would: data, errors.

    With `client`, on its connection; with `settings` only, on a connection made for this call
    and closed after it; with neither, on one client made from the environment (no `.env`),
    which `close()` closes. `viewer` acts as the signed-in user (the host app has authenticated
    them itself)."""
    global _default
    if client is None and settings is not None:
        async with Client(settings) as once:
            return await once.execute(
                query, variables, operation_name=operation_name, viewer=viewer
            )
    if client is None:
        if _default is None:
            _default = Client()
        client = _default
    return await client.execute(query, variables, operation_name=operation_name, viewer=viewer)


async def close() -> None:
    """Closes the driver of `execute` calls made without a client or settings."""
    global _default
    if _default is not None:
        await _default.close()
        _default = None
