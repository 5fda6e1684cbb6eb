"""Auto-commit reads try again after a lost connection, a bounded number of times.

The driver talks to the real test Neo4j through a TCP relay that can cut connections the way a
failing network or a restarting server does: the next message sent is dropped and the socket
closed, so the read in flight fails with a lost connection."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncIterator
from urllib.parse import urlparse

import pytest
from neo4j import AsyncGraphDatabase
from neo4j.exceptions import ServiceUnavailable, SessionExpired

from bzpeer_graphql.db.database import READ_ATTEMPTS, Connection, Database, RoundTrips


class Relay:
    """Forwards TCP between the driver and Neo4j; `cut(n)` breaks the next n messages' links."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.to_cut = 0
        self.cuts = 0
        self.server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    def cut(self, messages: int) -> None:
        self.to_cut = messages

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def _serve(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        server_in, server_out = await asyncio.open_connection(*self.target)

        async def upstream() -> None:
            while chunk := await client_in.read(65536):
                if self.to_cut:
                    self.to_cut -= 1
                    self.cuts += 1
                    break
                server_out.write(chunk)
                await server_out.drain()

        async def downstream() -> None:
            while chunk := await server_in.read(65536):
                client_out.write(chunk)
                await client_out.drain()

        try:
            await asyncio.wait(
                [asyncio.ensure_future(upstream()), asyncio.ensure_future(downstream())],
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            for writer in (client_out, server_out):
                writer.close()
                with contextlib.suppress(ConnectionError):
                    await writer.wait_closed()


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
