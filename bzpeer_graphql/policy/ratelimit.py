"""Requests per client: a token bucket per viewer (or per address without a token)."""

from __future__ import annotations

import math
import time
from collections import OrderedDict
from collections.abc import Callable

#: clients whose buckets one process keeps; the least recently seen are dropped (and refilled)
MAX_CLIENTS = 100_000


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
