"""One connection to the research graph for a host app: the driver, shared by `create_app()`
and in-process operations, opened on first use and closed once."""

from __future__ import annotations

import asyncio
import contextlib
import logging
from collections.abc import AsyncIterator, Callable, Mapping
from typing import Any

from neo4j import AsyncDriver

from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.errors import Code, DatabaseUnavailable
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.live.hub import Hub, hub_for
from bzpeer_graphql.policy.auth import Viewer
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.typed import Researcher, operation, raise_for_errors

log = logging.getLogger("bzpeer_graphql.client")

#: why a client without NEO4J_URI has no database (the local Neo4j is only used when asked)
NOT_CONFIGURED = (
    "no Neo4j is configured: set NEO4J_URI (or pass Settings(neo4j_uri=...) or a driver); "
    "the project's local Neo4j is used only with local_neo4j=True"
)


class Client:
    """The host app's connection to the research graph.

    Pass one to `create_app(client=...)` and call `execute` (or the typed methods of
    `bzpeer_graphql.typed`) on the same object: both use one driver. With `driver=`, the host's
    own driver is used and left open; otherwise the client makes its driver on first use and
    `close()` (or leaving `lifespan`) closes it.
    """

    def __init__(
        self,
        settings: Settings | None = None,
        *,
        driver: AsyncDriver | None = None,
        local_neo4j: bool = False,
    ) -> None:
        #: the environment only: an embedded client never reads a `.env` file
        self.settings = settings or Settings.from_env(env_file=None)
        self.local_neo4j = local_neo4j
        self._host_driver = driver
        self._db: Database | None = None
        self._loop: asyncio.AbstractEventLoop | None = None
        self._guard: AsyncIterator[None] | None = None
        self._guarding: asyncio.Task[None] | None = None
        self._hub: Hub | None = None

    @property
    def owns_driver(self) -> bool:
        """Whether `close()` closes the driver (False for a driver the host passed in)."""
        return self._host_driver is None

    def unavailable_reason(self) -> str | None:
        """Why this client has no database to talk to, or None when it has one."""
        if self._host_driver is None and not self.settings.neo4j_uri and not self.local_neo4j:
            return NOT_CONFIGURED
        return None

    @property
    def db(self) -> Database:
        """The database, made on first use in the running event loop. A driver belongs to one
        loop: it is closed when that loop shuts down, and the next loop makes a new one."""
        reason = self.unavailable_reason()
        if reason is not None:
            raise DatabaseUnavailable(reason)
        loop = asyncio.get_running_loop()
        if self._db is not None and self._loop is not loop:
            if self._loop is not None and not self._loop.is_closed() and self.owns_driver:
                raise RuntimeError(
                    "this Client's driver belongs to another event loop that is still running; "
                    "make one Client per event loop"
                )
            self._db = None  # its connections died with their loop
        if self._db is None:
            self._db = self._open()
            self._loop = loop
            if self.owns_driver:
                self._guard = self._closed_with_loop(self._db)
                self._guarding = loop.create_task(self._guard.__anext__())  # type: ignore[arg-type]
        return self._db

    async def _closed_with_loop(self, db: Database) -> AsyncIterator[None]:
        """Closes `db` when its event loop shuts down (`asyncio.run` and the servers close the
        async generators still open), unless `close()` came first."""
        try:
            yield
        finally:
            if self._db is db:
                self._db = self._loop = None
                await db.close()
                log.info("Neo4j driver closed")

    def _open(self) -> Database:
        settings = self.settings
        if self._host_driver is not None:
            return Database(
                self._host_driver,
                settings.neo4j_database,
                settings.query_timeout_s,
                settings.outage_probe_s,
                settings.retry_time_s,
            )
        return Database.connect(
            Connection.from_settings(settings),
            timeout_s=settings.query_timeout_s,
            pool_size=settings.neo4j_pool_size,
            retry_s=settings.retry_time_s,
            probe_s=settings.outage_probe_s,
        )

    def hub(
        self,
        on_fallback: Callable[[str], None] = lambda use: None,
        on_count: Callable[[int], None] = lambda count: None,
    ) -> Hub:
        """This client's side of the change log (docs/live.md), made on first use (with the
        callbacks of that use): what its app's subscribers follow and its operations publish
        to, so an embedded `execute` reaches the app's subscribers too."""
        if self._hub is None:
            self._hub = hub_for(self.settings, on_fallback, on_count)
        return self._hub

    async def close(self) -> None:
        """Closes the driver this client made (never the host's) and its change log's
        connections; safe to call more than once and from another event loop than the one that
        used it. A later use opens a new one."""
        hub, self._hub = self._hub, None
        if hub is not None:
            await hub.close()
        db, loop = self._db, self._loop
        self._db = self._loop = self._guard = self._guarding = None
        if db is None or not self.owns_driver:
            return
        if loop is not None and loop.is_closed():
            log.info("Neo4j driver dropped: the event loop it belonged to has ended")
            return
        await db.close()
        log.info("Neo4j driver closed")

    @contextlib.asynccontextmanager
    async def lifespan(self, app: object = None) -> AsyncIterator[None]:
        """A Starlette/FastAPI lifespan: `FastAPI(lifespan=client.lifespan)`, or entered
        inside the host's own (`async with client.lifespan(app): yield`). Closes at shutdown."""
        try:
            yield
        finally:
            await self.close()

    async def __aenter__(self) -> Client:
        return self

    async def __aexit__(self, *exc: object) -> None:
        await self.close()

    async def execute(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        operation_name: str | None = None,
        viewer: Viewer | None = None,
    ) -> dict[str, Any]:
        """Runs one GraphQL operation and returns the response as HTTP would: data, errors.

        `viewer` acts as the signed-in user (the host app has authenticated them itself)."""
        reason = self.unavailable_reason()
        if reason is not None:
            error = {"message": reason, "extensions": {"code": Code.SERVICE_UNAVAILABLE.value}}
            return {"data": None, "errors": [error]}
        context = Context(db=self.db, settings=self.settings, viewer=viewer, hub=self.hub())
        result = await schema.execute(
            query,
            variable_values=dict(variables) if variables is not None else None,
            context_value=context,
            operation_name=operation_name,
        )
        response: dict[str, Any] = {"data": result.data}
        if result.errors:
            response["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            response["extensions"] = result.extensions
        return response

    async def data(
        self,
        query: str,
        variables: Mapping[str, Any] | None = None,
        *,
        operation_name: str | None = None,
        viewer: Viewer | None = None,
    ) -> dict[str, Any]:
        """Runs one operation and returns its data; an error raises the exception of its code
        (`typed.OperationError`, also an instance of the matching `errors` class, e.g.
        `NotFound`, `Unauthenticated`, `DatabaseUnavailable`)."""
        response = await self.execute(
            query, variables, operation_name=operation_name, viewer=viewer
        )
        return raise_for_errors(response)

    async def researcher(self, id: str, *, viewer: Viewer | None = None) -> Researcher | None:
        """The profile of the researcher `id` (or a record it absorbed), None when unknown."""
        found = await self.data(operation("researcher"), {"id": id}, viewer=viewer)
        record = found["researcher"]
        return Researcher.from_data(record) if record is not None else None
