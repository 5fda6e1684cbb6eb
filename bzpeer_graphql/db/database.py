"""The driver's lifecycle and the one way to run a named Cypher file in a transaction."""

from __future__ import annotations

import asyncio
import random
import time
from collections import OrderedDict
from collections.abc import Awaitable, Callable
from dataclasses import dataclass, field
from enum import Enum
from typing import Any, Final, TypeAlias, TypeVar

import neo4j
from neo4j import (
    READ_ACCESS,
    AsyncDriver,
    AsyncGraphDatabase,
    AsyncManagedTransaction,
    NotificationMinimumSeverity,
    Query,
    RoutingControl,
    unit_of_work,
)
from neo4j.api import AsyncBookmarkManager
from neo4j.exceptions import Neo4jError, ServiceUnavailable, SessionExpired, TransientError

from bzpeer_graphql.db import bundle, cypher, liveness
from bzpeer_graphql.db.liveness import Outage
from bzpeer_graphql.db.local import LocalNeo4j
from bzpeer_graphql.settings import Settings

Row = dict[str, Any]
T = TypeVar("T")


class _Shared(Enum):
    DRIVER = "driver"


#: the driver's own bookmark manager, shared by every call that names none (CLI, ingest)
SHARED: Final = _Shared.DRIVER
Bookmarks: TypeAlias = AsyncBookmarkManager | _Shared | None
#: viewers whose bookmarks one process remembers; the least recently active are dropped
MAX_VIEWER_BOOKMARKS = 10_000
#: tries of one auto-commit read that meets transient errors (also bounded by the retry time)
READ_ATTEMPTS = 3
#: the first pause before a read is tried again; each later one doubles (with jitter)
READ_BACKOFF_S = 0.05
#: past the query timeout (twice: a read may first wait for bookmarks), seconds a statement
#: may go unanswered before its connection is taken as dead (`liveness`)
SILENCE_S = 60.0
#: the deadline of the readiness ping
PING_DEADLINE_S = 10.0


@dataclass
class RoundTrips:
    """Cypher round trips of one request and the time the database reported for them."""

    queries: int = 0
    db_ms: int = 0
    #: (Cypher file, number of keys) of every loader batch, in the order they ran
    batches: list[tuple[str, int]] = field(default_factory=list)

    #: reads tried again after a transient error or a lost connection
    retries: int = 0

    def add(self, summary: neo4j.ResultSummary) -> None:
        self.queries += 1
        self.db_ms += (summary.result_available_after or 0) + (summary.result_consumed_after or 0)


class QueryTimedOut(Exception):
    """Neo4j stopped a transaction that ran past its timeout (and released what it held)."""


def _timed_out(error: Neo4jError, elapsed_s: float, timeout_s: float) -> bool:
    code = error.code or ""
    if "TransactionTimedOut" in code:
        return True
    # a transaction stopped while it waited for a lock reports only that it was stopped
    stopped = code.endswith(("LockClientStopped", "Transaction.Terminated"))
    return stopped and elapsed_s >= timeout_s * 0.9


def _transient(error: Exception) -> bool:
    """Whether trying the same read again may succeed: a lost connection or a transient error."""
    if isinstance(error, ServiceUnavailable | SessionExpired):
        return True
    return isinstance(error, TransientError) and error.is_retryable()


def _rows(keys: list[str], records: list[neo4j.Record]) -> list[Row]:
    # the files return plain values and maps, so no recursive conversion (Record.data) is needed
    return [dict(zip(keys, record, strict=True)) for record in records]


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

    def __init__(
        self,
        driver: AsyncDriver,
        database: str,
        timeout_s: float,
        probe_s: float = 1.0,
        retry_s: float = 3.0,
        *,
        own_driver: bool = False,
    ) -> None:
        self.driver = driver
        self.database = database
        self.timeout_s = timeout_s
        self.retry_s = retry_s
        #: one deadline per statement (None: the driver's timer per read; a host's driver)
        self.deadline_s: float | None = 2 * timeout_s + retry_s + SILENCE_S if own_driver else None
        self.outage = Outage(probe_s)
        self._viewer_bookmarks: OrderedDict[str, AsyncBookmarkManager] = OrderedDict()

    @classmethod
    def connect(
        cls,
        connection: Connection,
        *,
        timeout_s: float = 30.0,
        pool_size: int = 50,
        retry_s: float = 3.0,
        probe_s: float = 1.0,
    ) -> Database:
        """Makes the driver; no connection is opened until the first query."""
        liveness.install()
        driver = AsyncGraphDatabase.driver(
            connection.uri,
            auth=(connection.user, connection.password),
            max_connection_pool_size=pool_size,
            connection_acquisition_timeout=timeout_s,
            connection_timeout=5.0,
            max_transaction_retry_time=retry_s,
            user_agent="bzpeer-graphql",
            # warnings such as "label does not exist yet" are noise on a young graph
            notifications_min_severity=NotificationMinimumSeverity.OFF,
        )
        return cls(driver, connection.database, timeout_s, probe_s, retry_s, own_driver=True)

    @classmethod
    def from_settings(cls, settings: Settings) -> Database:
        """The database the settings name (the local Neo4j when no URI is set)."""
        return cls.connect(
            Connection.from_settings(settings),
            timeout_s=settings.query_timeout_s,
            pool_size=settings.neo4j_pool_size,
            retry_s=settings.retry_time_s,
            probe_s=settings.outage_probe_s,
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
        """Runs `cypher/<name>.cypher` as an auto-commit read and returns its rows; transient
        errors and lost connections are tried again, at most `READ_ATTEMPTS` times in all."""
        return await self._read(cypher.load(name), params or {}, trips, bookmarks)

    async def read_together(
        self,
        parts: list[tuple[str, dict[str, Any], bundle.Derived | None]],
        trips: RoundTrips | None = None,
        bookmarks: Bookmarks = SHARED,
    ) -> list[tuple[list[Row], list[tuple[Any, int]], list[Any]]]:
        """Runs several named files as one auto-commit read (see `bundle`): for each, its rows
        and, for a part whose keys are derived, the (id, template index) pairs and the keys it
        ran for. Without derived
        parts, a file whose columns cannot be read off its text makes each run on its own."""
        try:
            text = bundle.compose(tuple((name, derived) for name, _, derived in parts))
        except bundle.NotBundled:
            assert all(derived is None for _, _, derived in parts)
            alone = await asyncio.gather(
                *(self.read(name, params, trips, bookmarks) for name, params, _ in parts)
            )
            return [(rows, [], []) for rows in alone]
        merged: dict[str, Any] = {}
        for index, (_, params, _) in enumerate(parts):
            start = bundle.prefix(index)
            merged.update({start + key: value for key, value in params.items()})
        [row] = await self._read(text, merged, trips, bookmarks)
        return [
            (
                row[f"p{i}"],
                list(zip(row.get(f"p{i}_ids", []), row.get(f"p{i}_which", []), strict=True)),
                row.get(f"p{i}_keys", []),
            )
            for i in range(len(parts))
        ]

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

    async def write_together(
        self, work: Callable[[Transaction], Awaitable[T]], bookmarks: Bookmarks = SHARED
    ) -> T:
        """Runs `work` in one write transaction (all its named files commit or none do), tried
        again as a whole on transient errors, so it must be safe to run again."""

        @unit_of_work(timeout=self.timeout_s)
        async def unit(tx: AsyncManagedTransaction) -> T:
            return await work(Transaction(tx))

        manager = self.driver.execute_query_bookmark_manager if bookmarks is SHARED else bookmarks
        async with (
            liveness.bounded(self.deadline_s),
            self.driver.session(database=self.database, bookmark_manager=manager) as session,
        ):
            return await session.execute_write(unit)

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
        if not await self.outage.may_try(self._reachable):
            raise ServiceUnavailable("Neo4j was unreachable moments ago; not trying again yet")
        query = Query(text, timeout=self.timeout_s)
        manager = self.driver.execute_query_bookmark_manager if bookmarks is SHARED else bookmarks
        started = time.monotonic()
        try:
            async with liveness.bounded(self.deadline_s):
                result = await self.driver.execute_query(
                    query,
                    params or {},
                    routing_=routing,
                    database_=self.database,
                    bookmark_manager_=manager,
                )
        except (ServiceUnavailable, SessionExpired):
            self.outage.began()
            raise
        except Neo4jError as exc:
            if _timed_out(exc, time.monotonic() - started, self.timeout_s):
                raise QueryTimedOut(f"stopped after {self.timeout_s} s") from exc
            raise
        if trips is not None:
            trips.add(result.summary)
        return _rows(result.keys, result.records)

    async def _read(
        self,
        text: str,
        params: dict[str, Any],
        trips: RoundTrips | None,
        bookmarks: Bookmarks,
    ) -> list[Row]:
        if not await self.outage.may_try(self._reachable):
            raise ServiceUnavailable("Neo4j was unreachable moments ago; not trying again yet")
        query = Query(text, timeout=self.timeout_s)
        manager = self.driver.execute_query_bookmark_manager if bookmarks is SHARED else bookmarks
        started = time.monotonic()
        give_up = started + self.retry_s
        pause = READ_BACKOFF_S
        for attempt in range(1, READ_ATTEMPTS + 1):
            try:
                async with (
                    liveness.bounded(self.deadline_s),
                    self.driver.session(
                        database=self.database,
                        default_access_mode=READ_ACCESS,
                        bookmark_manager=manager,
                    ) as session,
                ):
                    result = await session.run(query, params)
                    records, summary, keys = await result.to_eager_result()
                break
            except (Neo4jError, ServiceUnavailable, SessionExpired) as exc:
                if isinstance(exc, Neo4jError) and _timed_out(
                    exc, time.monotonic() - started, self.timeout_s
                ):
                    raise QueryTimedOut(f"stopped after {self.timeout_s} s") from exc
                last = attempt == READ_ATTEMPTS or time.monotonic() + pause > give_up
                if not _transient(exc) or last:
                    if isinstance(exc, ServiceUnavailable | SessionExpired):
                        self.outage.began()
                    raise
            if trips is not None:
                trips.retries += 1
            await asyncio.sleep(pause * random.uniform(0.5, 1.0))
            pause *= 2
        if trips is not None:
            trips.add(summary)
        return _rows(keys, records)

    async def ping(self) -> bool:
        """True when the database answers a trivial query now (one try, no retries)."""
        reachable = await self._reachable()
        if reachable:
            self.outage.ended()
        else:
            self.outage.began()
        return reachable

    async def _reachable(self) -> bool:
        try:
            deadline = None if self.deadline_s is None else PING_DEADLINE_S
            async with (
                liveness.bounded(deadline),
                self.driver.session(database=self.database) as session,
            ):
                result = await session.run(Query(cypher.load("health/ping"), timeout=5.0))
                await result.consume()
        except (ServiceUnavailable, SessionExpired, Neo4jError, OSError):
            return False
        return True

    async def close(self) -> None:
        await self.driver.close()


class Transaction:
    """One write transaction of `Database.write_together`: runs named files inside it."""

    def __init__(self, tx: AsyncManagedTransaction) -> None:
        self._tx = tx

    async def run(self, name: str, params: dict[str, Any] | None = None) -> list[Row]:
        """Runs `cypher/<name>.cypher` in this transaction and returns its rows."""
        result = await self._tx.run(cypher.load(name), params or {})
        records, _, keys = await result.to_eager_result()
        return _rows(keys, records)
