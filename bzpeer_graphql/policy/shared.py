"""State the server processes share (rate-limit buckets, persisted queries), kept in Redis.

When Redis does not answer, the caller decides from its own process's memory (fail open): the
server keeps serving, each fallback is counted in /metrics, and Redis is tried again after
`RETRY_AFTER_S`.
"""

from __future__ import annotations

import logging
import time
from collections.abc import Awaitable, Callable
from typing import TypeVar

from redis.asyncio import Redis
from redis.exceptions import RedisError

T = TypeVar("T")

log = logging.getLogger("bzpeer_graphql.policy.shared")

#: seconds a process leaves Redis alone after a failed call (its requests use memory meanwhile)
RETRY_AFTER_S = 1.0
#: every key this server writes starts with this
PREFIX = "bzpeer:"


class SharedStore:
    """One process's connection to the Redis all processes share, failing open."""

    def __init__(
        self,
        url: str,
        timeout_s: float,
        on_fallback: Callable[[str], None] = lambda use: None,
        clock: Callable[[], float] = time.monotonic,
    ) -> None:
        self.url = url
        self.timeout_s = timeout_s
        self.on_fallback = on_fallback
        self.clock = clock
        self._redis: Redis | None = None
        #: while Redis is down: when to try it again
        self._down_until: float | None = None

    @property
    def redis(self) -> Redis:
        """The client, made on first use (inside the event loop that serves requests)."""
        if self._redis is None:
            self._redis = Redis.from_url(
                self.url,
                socket_timeout=self.timeout_s,
                socket_connect_timeout=self.timeout_s,
                retry_on_timeout=False,
                decode_responses=True,
            )
        return self._redis

    async def run(self, use: str, call: Callable[[Redis], Awaitable[T]]) -> T | None:
        """`call`'s answer, or None (counted as a fallback for `use`) when Redis fails."""
        if self._down_until is not None and self.clock() < self._down_until:
            self.on_fallback(use)
            return None
        try:
            answer = await call(self.redis)
        except (RedisError, OSError) as exc:
            if self._down_until is None:
                log.warning(
                    "Redis does not answer (%s); each process decides from its own memory "
                    "until it does",
                    type(exc).__name__,
                )
            self._down_until = self.clock() + RETRY_AFTER_S
            self.on_fallback(use)
            return None
        if self._down_until is not None:
            log.warning("Redis answers again; state is shared again")
            self._down_until = None
        return answer

    async def close(self) -> None:
        if self._redis is not None:
            await self._redis.aclose()
            self._redis = None
