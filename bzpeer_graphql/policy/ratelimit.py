"""Requests per client: a token bucket per viewer (or per address without a token), in this
process's memory or shared by every process through Redis."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable
from pathlib import Path
from typing import Protocol

from redis.asyncio import Redis
from redis.commands.core import AsyncScript

from bzpeer_graphql.policy.shared import PREFIX, SharedStore

#: clients whose buckets one process keeps; the least recently seen are dropped (and refilled)
MAX_CLIENTS = 100_000

_TOKEN_BUCKET = (Path(__file__).parent / "token_bucket.lua").read_text()


class Limiter(Protocol):
    """What the endpoint charges requests to."""

    async def take(self, client: str, requests: int = 1) -> int:
        """Takes `requests` from `client`'s bucket: 0 when allowed, else whole seconds to wait."""
        ...


class RateLimiter:
    """`rate` requests per second on average, up to `burst` at once; rate 0 means no limit."""

    def __init__(
        self, rate: float, burst: int, clock: Callable[[], float] = time.monotonic
    ) -> None:
        self.rate = rate
        self.burst = max(1, burst)
        self.clock = clock
        self._buckets: OrderedDict[str, tuple[float, float]] = OrderedDict()

    def wait(self, client: str, requests: int = 1) -> int:
        """Takes `requests` from `client`'s bucket: 0 when allowed, else whole seconds to wait."""
        if self.rate <= 0:
            return 0
        requests = min(requests, self.burst)  # a batch larger than the burst still passes
        now = self.clock()
        tokens, then = self._buckets.pop(client, (float(self.burst), now))
        tokens = min(float(self.burst), tokens + (now - then) * self.rate)
        allowed = tokens >= requests
        if allowed:
            tokens -= requests
        self._buckets[client] = (tokens, now)
        while len(self._buckets) > MAX_CLIENTS:
            self._buckets.popitem(last=False)
        return 0 if allowed else max(1, math.ceil((requests - tokens) / self.rate))

    async def take(self, client: str, requests: int = 1) -> int:
        return self.wait(client, requests)


class SharedRateLimiter:
    """The same buckets kept in Redis, so that N processes allow what one would; while Redis
    does not answer, this process's own buckets decide (fail open)."""

    def __init__(self, local: RateLimiter, store: SharedStore) -> None:
        self.local = local
        self.store = store
        self._script: AsyncScript | None = None

    async def take(self, client: str, requests: int = 1) -> int:
        if self.local.rate <= 0:
            return 0
        requests = min(requests, self.local.burst)

        async def bucket(redis: Redis) -> int:
            if self._script is None:
                self._script = redis.register_script(_TOKEN_BUCKET)
            args = [self.local.rate, self.local.burst, requests]
            keys = [f"{PREFIX}rate:{client}"]
            return int(await self._script(keys=keys, args=args, client=redis))

        wait = await self.store.run("ratelimit", bucket)
        return self.local.wait(client, requests) if wait is None else wait
