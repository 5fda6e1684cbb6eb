"""The driver's lifecycle and the one way to run a named Cypher file in a transaction."""

from __future__ import annotations

from collections import OrderedDict
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final, TypeAlias

import neo4j
from neo4j import (
    AsyncDriver,
    AsyncGraphDatabase,
    NotificationMinimumSeverity,
    Query,
    RoutingControl,
)
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired

from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.local import LocalNeo4j
from bzpeer_graphql.settings import Settings

Row = dict[str, Any]


class _Shared(Enum):
    DRIVER = "driver"


#: the driver's own bookmark manager, shared by every call that names none (CLI, ingest)
SHARED: Final = _Shared.DRIVER
Bookmarks: TypeAlias = AsyncBookmarkManager | _Shared | None
#: viewers whose bookmarks one process remembers; the least recently active are dropped
MAX_VIEWER_BOOKMARKS = 10_000


@dataclass
class RoundTrips:
    """Cypher round trips of one request and the time the database reported for them."""

    queries: int = 0
    db_ms: int = 0
    #: (Cypher file, number of keys) of every loader batch, in the order they ran
    batches: list[tuple[str, int]] = field(default_factory=list)

    def add(self, summary: neo4j.ResultSummary) -> None:
        self.queries += 1
        self.db_ms += (summary.result_available_after or 0) + (summary.result_consumed_after or 0)


@dataclass(frozen=True)
class Connection:
    """Where the driver connects and as whom."""

    uri: str
    user: str
    password: str
    database: str

    @classmethod
    def from_settings(cls, settings: Settings) -> Connection:
        """The configured Neo4j, or the local one when no URI is set."""
        if settings.neo4j_uri:
            return cls(
                settings.neo4j_uri,
                settings.neo4j_user,
                settings.neo4j_password or "",
                settings.neo4j_database,
            )
        local = LocalNeo4j.from_settings(settings)
        return cls(local.status().uri, "neo4j", local.password(), settings.neo4j_database)


class Database:
    """One async driver and the database name; every Cypher call of the app goes through here."""

    def __init__(self, driver: AsyncDriver, database: str, timeout_s: float) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self._viewer_bookmarks: OrderedDict[str, AsyncBookmarkManager] = OrderedDict()

    @classmethod
    def connect(
        cls, connection: Connection, *, timeout_s: float = 30.0, pool_size: int = 50
    ) -> Database:
        """Makes the driver; no connection is opened until the first query."""
        driver = AsyncGraphDatabase.driver(
            connection.uri,
            auth=(connection.user, connection.password),
            max_connection_pool_size=pool_size,
            connection_acquisition_timeout=timeout_s,
            connection_timeout=5.0,
            user_agent="bzpeer-graphql",
            # warnings such as "label does not exist yet" are noise on a young graph
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        return cls(driver, connection.database, timeout_s)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        """The database the settings name (the local Neo4j when no URI is set)."""
        return cls.connect(
            Connection.from_settings(settings),
            timeout_s=settings.query_timeout_s,
            pool_size=settings.neo4j_pool_size,
        )

    def bookmarks_for(self, viewer_id: str) -> AsyncBookmarkManager:
        """The bookmark manager of one viewer: their reads wait for their own earlier writes."""
        manager = self._viewer_bookmarks.pop(viewer_id, None)
        if manager is None:
            manager = AsyncGraphDatabase.bookmark_manager()
        self._viewer_bookmarks[viewer_id] = manager
        while len(self._viewer_bookmarks) > MAX_VIEWER_BOOKMARKS:
            self._viewer_bookmarks.popitem(last=False)
        return manager

    async def read(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        trips: RoundTrips | None = None,
        bookmarks: Bookmarks = SHARED,
    ) -> list[Row]:
        """Runs `cypher/<name>.cypher` in a read transaction and returns its rows."""
        return await self._run(cypher.load(name), params, RoutingControl.READ, trips, bookmarks)

    async def write(
        self,
        name: str,
        params: dict[str, Any] | None = None,
        trips: RoundTrips | None = None,
        bookmarks: Bookmarks = SHARED,
    ) -> list[Row]:
        """Runs `cypher/<name>.cypher` in a write transaction (retried on transient errors, so
        the file must be safe to run again) and returns its rows."""
        return await self._run(cypher.load(name), params, RoutingControl.WRITE, trips, bookmarks)

    async def write_text(self, text: str, trips: RoundTrips | None = None) -> list[Row]:
        """Runs one statement taken from a named file (see `cypher.statements`) as a write."""
        return await self._run(text, None, RoutingControl.WRITE, trips)

    async def _run(
        self,
        text: str,
        params: dict[str, Any] | None,
        routing: RoutingControl,
        trips: RoundTrips | None,
        bookmarks: Bookmarks = SHARED,
    ) -> list[Row]:
        query = Query(text, timeout=self.timeout_s)
        manager = self.driver.execute_query_bookmark_manager if bookmarks is SHARED else bookmarks
        result = await self.driver.execute_query(
            query,
            params or {},
            routing_=routing,
            database_=self.database,
            bookmark_manager_=manager,
        )
        if trips is not None:
            trips.add(result.summary)
        # the files return plain values and maps, so no recursive conversion (Record.data) is needed
        keys = result.keys
        return [dict(zip(keys, record, strict=True)) for record in result.records]

    async def ping(self) -> bool:
        """True when the database answers a trivial query now."""
        try:
            await self.read("health/ping")
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError):
            return False
        return True

    async def close(self) -> None:
        await self.driver.close()
