"""The change log every server process reads: a Redis stream shared by all processes and
replicas, or (one process, no Redis) a list in this process's memory. Both keep the newest
`retention` changes, numbered `<milliseconds>-<sequence>` in commit order."""

from __future__ import annotations

import asyncio
import logging
import time
from collections import deque
from collections.abc import Callable
from typing import Any, Protocol

from redis.asyncio import Redis
from redis.exceptions import RedisError, ResponseError

from bzpeer_graphql.live.changes import Change, event_key
from bzpeer_graphql.policy.shared import PREFIX

log = logging.getLogger("bzpeer_graphql.live.log")

#: the stream all changes go to
STREAM = f"{PREFIX}live:changes"
#: changes read from the log in one call
READ_COUNT = 1000
#: seconds a blocking read may take in all (its block is shorter)
READ_TIMEOUT_S = 30.0

Entry = tuple[str, Change]


class ChangesExpired(Exception):
    """Changes after the id asked for are no longer kept."""


class LogUnavailable(Exception):
    """The log did not answer."""


class ChangeLog(Protocol):
    """What publishers append to and each process's hub reads."""

    async def append(self, change: Change) -> str | None:
        """Appends a change; its id, or None when the log did not take it."""
        ...

    async def newest(self) -> str:
        """The id of the newest change ("0-0" when there is none)."""
        ...

    async def after(self, event_id: str) -> list[Entry]:
        """Every kept change after `event_id`, oldest first; `ChangesExpired` when some of
        them are no longer kept."""
        ...

    async def wait_after(self, event_id: str, block_s: float) -> list[Entry]:
        """Changes after `event_id`, waiting up to `block_s` for the first one."""
        ...

    async def close(self) -> None: ...


class RedisChangeLog:
    """The log as a Redis stream: XADD trims to about `retention` entries (never fewer), XRANGE
    reads a subscriber's backlog, XREAD BLOCK follows the stream."""

    def __init__(
        self,
        url: str,
        retention: int,
        timeout_s: float,
        on_failure: Callable[[str], None] = lambda use: None,
    ) -> None:
        self.url = url
        self.retention = retention
        self.timeout_s = timeout_s
        self.on_failure = on_failure
        self._calls: Redis | None = None
        self._reads: Redis | None = None

    def _client(self, blocking: bool) -> Redis:
        if blocking:
            if self._reads is None:
                # its own connection: a blocked XREAD must not hold up appends
                self._reads = Redis.from_url(
                    self.url,
                    socket_timeout=READ_TIMEOUT_S,
                    socket_connect_timeout=self.timeout_s,
                    decode_responses=True,
                )
            return self._reads
        if self._calls is None:
            self._calls = Redis.from_url(
                self.url,
                socket_timeout=self.timeout_s,
                socket_connect_timeout=self.timeout_s,
                decode_responses=True,
            )
        return self._calls

    async def append(self, change: Change) -> str | None:
        try:
            added: Any = await self._client(False).xadd(
                STREAM, {"c": change.encode()}, maxlen=self.retention, approximate=True
            )
        except (RedisError, OSError) as exc:
            log.warning("a change was not logged: Redis did not answer (%s)", type(exc).__name__)
            self.on_failure("live")
            return None
        return str(added)

    async def _info(self) -> dict[str, Any] | None:
        try:
            info: dict[str, Any] = await self._client(False).xinfo_stream(STREAM)
        except ResponseError:
            return None  # no stream yet
        except (RedisError, OSError) as exc:
            raise LogUnavailable(str(exc)) from None
        return info

    async def newest(self) -> str:
        info = await self._info()
        return str(info["last-generated-id"]) if info else "0-0"

    async def after(self, event_id: str) -> list[Entry]:
        info = await self._info()
        if info is None:
            return []
        if _dropped_after(info, event_key(event_id) or (0, 0)):
            first = info.get("first-entry")
            raise ChangesExpired(str(first[0]) if first else "")
        entries: list[Entry] = []
        start = event_id
        try:
            while True:
                rows: Any = await self._client(False).xrange(STREAM, f"({start}", "+", READ_COUNT)
                entries.extend(_decoded(rows))
                if len(rows) < READ_COUNT:
                    return entries
                start = str(rows[-1][0])
        except (RedisError, OSError) as exc:
            raise LogUnavailable(str(exc)) from None

    async def wait_after(self, event_id: str, block_s: float) -> list[Entry]:
        try:
            answer: Any = await self._client(True).xread(
                {STREAM: event_id}, count=READ_COUNT, block=int(block_s * 1000)
            )
        except (RedisError, OSError) as exc:
            raise LogUnavailable(str(exc)) from None
        return [entry for _, rows in answer or () for entry in _decoded(rows)]

    async def close(self) -> None:
        for client in (self._calls, self._reads):
            if client is not None:
                await client.aclose()
        self._calls = self._reads = None


def _dropped_after(info: dict[str, Any], key: tuple[int, int]) -> bool:
    """Whether the stream may have dropped a change after `key`: trimming drops the oldest
    entries (all before the first kept), XDEL any (`max-deleted-entry-id`). An `after` older than
    the first kept entry of a trimmed stream counts as dropped (trimming does not say which id
    it dropped last)."""
    deleted = event_key(str(info.get("max-deleted-entry-id", "0-0"))) or (0, 0)
    if deleted > key:
        return True
    if int(info.get("entries-added", 0)) <= int(info.get("length", 0)):
        return False  # nothing trimmed
    first = info.get("first-entry")
    oldest = event_key(str(first[0])) if first else event_key(str(info["last-generated-id"]))
    return oldest is not None and oldest > key


def _decoded(rows: Any) -> list[Entry]:
    """Stream entries (id, fields) as (id, change)."""
    return [(str(row_id), Change.decode(fields["c"])) for row_id, fields in rows]


class MemoryChangeLog:
    """The log of one process without Redis: the newest `retention` changes in memory."""

    def __init__(self, retention: int, clock: Callable[[], float] = time.time) -> None:
        self.clock = clock
        self._entries: deque[Entry] = deque(maxlen=retention)
        self._last = (0, 0)
        #: the newest id dropped to keep `retention`
        self._dropped = (0, 0)
        self._grew = asyncio.Event()

    async def append(self, change: Change) -> str:
        ms = int(self.clock() * 1000)
        key = (ms, 0) if ms > self._last[0] else (self._last[0], self._last[1] + 1)
        self._last = key
        if len(self._entries) == self._entries.maxlen:
            self._dropped = event_key(self._entries[0][0]) or self._dropped
        event_id = f"{key[0]}-{key[1]}"
        self._entries.append((event_id, change))
        self._grew.set()
        self._grew = asyncio.Event()
        return event_id

    async def newest(self) -> str:
        return f"{self._last[0]}-{self._last[1]}"

    async def after(self, event_id: str) -> list[Entry]:
        key = event_key(event_id) or (0, 0)
        if self._dropped > key:
            raise ChangesExpired(self._entries[0][0] if self._entries else "")
        return [entry for entry in self._entries if (event_key(entry[0]) or (0, 0)) > key]

    async def wait_after(self, event_id: str, block_s: float) -> list[Entry]:
        grew = self._grew
        found = await self.after(event_id)
        if found:
            return found
        try:
            await asyncio.wait_for(grew.wait(), block_s)
        except TimeoutError:
            return []
        return await self.after(event_id)

    async def close(self) -> None:
        return None
