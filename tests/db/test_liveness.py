"""The app's own driver bounds each statement by one deadline instead of a timer per socket read,
and a connection that goes silent still fails instead of hanging.

The silent connection is made by a TCP relay to the real test Neo4j that keeps every link open
but passes nothing more back to the driver."""

from __future__ import annotations

import asyncio
from collections.abc import Coroutine
from dataclasses import replace
from typing import Any
from urllib.parse import urlparse

import pytest
from neo4j import AsyncGraphDatabase

from bzpeer_graphql.db import liveness
from bzpeer_graphql.db.database import Connection, Database, RoundTrips
from tests.db.relay import Relay


def test_the_driver_has_the_hook_that_drops_its_per_read_timers() -> None:
    # a driver version without it would keep a task and a timer on every socket read (about a
    # tenth of a small request's CPU); this fails so that the loss is seen, not silent
    assert liveness.install()


async def _tasks_of_a_read(db: Database) -> int:
    """Tasks the event loop starts for one read on a pooled connection."""
    assert await db.read("health/ping") == [{"ok": 1}]  # the connection is pooled now
    loop = asyncio.get_running_loop()
    before = loop.get_task_factory()
    started = 0

    def counting(
        loop: asyncio.AbstractEventLoop, coro: Coroutine[Any, Any, Any], **kwargs: Any
    ) -> asyncio.Task[Any]:
        nonlocal started
        started += 1
        return asyncio.Task(coro, loop=loop, **kwargs)

    loop.set_task_factory(counting)
    try:
        assert await db.read("health/ping") == [{"ok": 1}]
    finally:
        loop.set_task_factory(before)
    return started


async def test_a_read_of_the_apps_own_driver_starts_no_task_and_a_hosts_driver_keeps_its_timers(
    connection: Connection,
) -> None:
    own = Database.connect(connection)
    host_driver = AsyncGraphDatabase.driver(
        connection.uri, auth=(connection.user, connection.password)
    )
    hosted = Database(host_driver, connection.database, timeout_s=30.0)
    try:
        assert own.deadline_s == 2 * 30.0 + 3.0 + 60.0
        assert hosted.deadline_s is None
        assert await _tasks_of_a_read(own) == 0
        # Neo4j's keep-alive hint: each socket read of the host's driver waits in a task
        assert await _tasks_of_a_read(hosted) >= 3
    finally:
        await own.close()
        await hosted.close()


async def test_a_connection_gone_silent_fails_at_its_deadline_instead_of_hanging(
    connection: Connection,
) -> None:
    address = urlparse(connection.uri)
    relay = Relay(address.hostname or "127.0.0.1", address.port or 7687)
    await relay.start()
    db = Database.connect(
        replace(connection, uri=f"bolt://127.0.0.1:{relay.port}"), timeout_s=30.0, retry_s=0.2
    )
    db.deadline_s = 1.0
    try:
        assert await db.read("health/ping") == [{"ok": 1}]
        relay.mute()
        trips = RoundTrips()
        with pytest.raises(liveness.DeadConnection, match="answered nothing within 1 s"):
            # the bound only keeps a broken build from hanging the suite
            await asyncio.wait_for(db.read("health/ping", trips=trips), 60)
        assert (trips.queries, trips.retries) == (0, 0)  # past the retry time: not tried again
        assert db.outage.down  # later reads fail at once until a probe finds Neo4j again
        # the route heals: the connection cut off mid-answer is not handed out again
        relay.muted = False
        assert await db.ping()
        assert await db.read("health/ping") == [{"ok": 1}]
    finally:
        await db.close()
        await relay.stop()
