"""Auto-commit reads try again after a lost connection, a bounded number of times.

The driver talks to the real test Neo4j through a TCP relay that can cut connections the way a
failing network or a restarting server does: the next message sent is dropped and the socket
closed, so the read in flight fails with a lost connection."""

from __future__ import annotations

from collections.abc import AsyncIterator
from urllib.parse import urlparse

import pytest
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from bzpeer_graphql.db.database import READ_ATTEMPTS, Connection, Database, RoundTrips
from tests.db.relay import Relay


@pytest.fixture
async def relayed(connection: Connection, db: Database) -> AsyncIterator[tuple[Relay, Database]]:
    """A Database whose every connection goes through a relay to the test Neo4j."""
    address = urlparse(connection.uri)
    relay = Relay(address.hostname or "127.0.0.1", address.port or 7687)
    await relay.start()
    driver = AsyncGraphDatabase.driver(
        f"bolt://127.0.0.1:{relay.port}",
        auth=(connection.user, connection.password),
        connection_timeout=5.0,
    )
    through = Database(driver, connection.database, timeout_s=30.0, retry_s=10.0)
    yield relay, through
    await through.close()
    await relay.stop()


async def test_a_read_whose_connection_is_lost_is_tried_again(
    relayed: tuple[Relay, Database],
) -> None:
    relay, db = relayed
    assert await db.read("health/ping") == [{"ok": 1}]  # a pooled connection now exists
    relay.cut(1)
    trips = RoundTrips()
    assert await db.read("health/ping", trips=trips) == [{"ok": 1}]
    assert (relay.cuts, trips.retries, trips.queries) == (1, 1, 1)
    assert not db.outage.down


async def test_a_read_is_tried_at_most_read_attempts_times(
    relayed: tuple[Relay, Database],
) -> None:
    relay, db = relayed
    assert await db.read("health/ping") == [{"ok": 1}]
    relay.cut(1_000)  # every message from now on, the handshakes of new connections too
    trips = RoundTrips()
    with pytest.raises((ServiceUnavailable, SessionExpired)):
        await db.read("health/ping", trips=trips)
    assert (relay.cuts, trips.retries, trips.queries) == (READ_ATTEMPTS, READ_ATTEMPTS - 1, 0)
    assert db.outage.down  # later reads fail at once until a probe finds Neo4j again
    relay.cut(0)
    assert await db.ping()
    assert await db.read("health/ping") == [{"ok": 1}]
