"""Open WebSockets per client (viewer, or address without a token): counted in this process's
memory, or by every process through Redis as leases each process renews while its socket is
open (a process that dies without closing its sockets frees them when their leases lapse)."""

from __future__ import annotations

import asyncio
import contextlib
import uuid
from collections import Counter
from collections.abc import Callable
from dataclasses import dataclass, field
from pathlib import Path

from redis.asyncio import Redis
from redis.commands.core import AsyncScript

from bzpeer_graphql.policy.shared import PREFIX, SharedStore

#: seconds a socket's lease in Redis lasts unless renewed
LEASE_S = 60.0
#: a socket's lease is renewed this many times per LEASE_S
RENEWALS = 3

_SOCKET_LEASE = (Path(__file__).parent / "socket_lease.lua").read_text()


@dataclass(eq=False)
class Lease:
    """One open socket of `client`, counted until `release`."""

    client: str
    socket: str = field(default_factory=lambda: uuid.uuid4().hex)
    renewing: asyncio.Task[None] | None = None


class Sockets:
    """At most `most` open sockets per client (0: no limit), counted in this process, and by
    every process when `store` (the shared Redis) is given; while Redis does not answer, this
    process's own count decides (fail open)."""

    def __init__(
        self,
        most: int,
        store: SharedStore | None = None,
        lease_s: float = LEASE_S,
        on_count: Callable[[int], None] = lambda count: None,
    ) -> None:
        self.most = most
        self.on_count = on_count
        self.store = store
        self.lease_s = lease_s
        self._open: Counter[str] = Counter()
        self._script: AsyncScript | None = None

    async def open(self, client: str) -> Lease | None:
        """A lease for a new socket of `client`, or None when it holds as many as it may."""
        lease = Lease(client)
        shared = await self._lease(lease, self.most)
        if shared is None:  # no Redis, or Redis down: this process decides
            if self.most > 0 and self._open[client] >= self.most:
                return None
        elif not shared:
            return None
        self._open[client] += 1
        self.on_count(self.total)
        if self.store is not None:
            lease.renewing = asyncio.create_task(self._renew(lease), name="bzpeer-socket-lease")
        return lease

    async def release(self, lease: Lease) -> None:
        """Lets go of a socket's lease (its socket closed)."""
        self._open[lease.client] -= 1
        if self._open[lease.client] <= 0:
            del self._open[lease.client]
        self.on_count(self.total)
        if lease.renewing is not None:
            lease.renewing.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await lease.renewing
        if self.store is not None:
            key = _key(lease.client)

            async def forget(redis: Redis) -> int:
                return int(await redis.zrem(key, lease.socket))

            await self.store.run("sockets", forget)

    @property
    def total(self) -> int:
        """The sockets open on this process."""
        return sum(self._open.values())

    def held(self, client: str) -> int:
        """The sockets `client` holds open on this process."""
        return self._open[client]

    async def _renew(self, lease: Lease) -> None:
        while True:
            await asyncio.sleep(self.lease_s / RENEWALS)
            await self._lease(lease, 0)

    async def _lease(self, lease: Lease, most: int) -> bool | None:
        """Takes or renews the socket's lease in Redis: whether it holds one (None: no Redis
        answered)."""
        if self.store is None:
            return None

        async def take(redis: Redis) -> int:
            if self._script is None:
                self._script = redis.register_script(_SOCKET_LEASE)
            args: list[str | int] = [lease.socket, round(self.lease_s * 1000), most]
            return int(await self._script(keys=[_key(lease.client)], args=args, client=redis))

        taken = await self.store.run("sockets", take)
        return None if taken is None else bool(taken)


def _key(client: str) -> str:
    return f"{PREFIX}sockets:{client}"
