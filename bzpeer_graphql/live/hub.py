"""One process's side of the change log: a single reader follows the log and hands each change
to the subscribers of this process that want it, each through a bounded queue."""

from __future__ import annotations

import asyncio
import contextlib
import contextvars
import logging
from collections import Counter
from collections.abc import AsyncIterator, Callable
from dataclasses import dataclass

from bzpeer_graphql.errors import (
    BadUserInput,
    EventsExpired,
    LiveUnavailable,
    SubscriberTooSlow,
    TooManySubscriptions,
)
from bzpeer_graphql.live.changes import Change, event_key
from bzpeer_graphql.live.log import (
    ChangeLog,
    ChangesExpired,
    Entry,
    LogUnavailable,
    MemoryChangeLog,
    RedisChangeLog,
)
from bzpeer_graphql.live.memo import ChangeMemo
from bzpeer_graphql.settings import Settings

log = logging.getLogger("bzpeer_graphql.live.hub")

#: seconds one blocking read of the log waits before it asks again
BLOCK_S = 5.0
#: seconds before the reader tries a log that did not answer again
RETRY_S = 0.5


@dataclass(frozen=True)
class LiveLimits:
    """Subscriptions one process holds at once, of one client, and changes queued for one."""

    per_process: int
    per_client: int
    queued: int


@dataclass(eq=False)
class Subscriber:
    """One subscription: whom it serves, what it wants, what waits for it."""

    client: str
    user: str | None
    wants: Callable[[Change], bool]
    queue: asyncio.Queue[Entry]
    #: set when the queue was full: the subscription ends with SUBSCRIBER_TOO_SLOW
    overflowed: bool = False
    last: tuple[int, int] = (0, 0)

    def offer(self, entry: Entry) -> None:
        change = entry[1]
        if not change.visible_to(self.user) or not self.wants(change):
            return
        try:
            self.queue.put_nowait(entry)
        except asyncio.QueueFull:
            self.overflowed = True


@dataclass
class Feed:
    """A subscription's changes: those kept from before it (when it gave `after`), then the new
    ones as they come."""

    backlog: list[Entry]
    live: AsyncIterator[Entry]

    async def entries(self) -> AsyncIterator[Entry]:
        """The backlog, then the new changes."""
        for entry in self.backlog:
            yield entry
        async for entry in self.live:
            yield entry


class Hub:
    """Publishes changes to the log and follows it for this process's subscribers."""

    def __init__(
        self,
        changes: ChangeLog,
        limits: LiveLimits,
        on_count: Callable[[int], None] = lambda count: None,
    ) -> None:
        self.log = changes
        self.limits = limits
        self.on_count = on_count
        self._subscribers: set[Subscriber] = set()
        self._per_client: Counter[str] = Counter()
        self._reader: asyncio.Task[None] | None = None
        self._position: str | None = None
        self._started = asyncio.Event()
        #: what this process's subscribers read for each change, read once
        self.memo = ChangeMemo()

    async def publish(self, change: Change) -> str | None:
        """Logs a committed change; its event id (None when the log did not take it)."""
        return await self.log.append(change)

    async def position(self) -> str:
        """The id of the newest change in the log."""
        try:
            return await self.log.newest()
        except LogUnavailable:
            raise LiveUnavailable("the change log does not answer") from None

    @property
    def subscribers(self) -> int:
        return len(self._subscribers)

    def admit(self, client: str, after: str | None) -> tuple[int, int]:
        """Refuses a subscription past the limits or with an `after` that is no event id;
        returns where it starts."""
        start = _start_key(after)
        if len(self._subscribers) >= self.limits.per_process:
            raise TooManySubscriptions(
                f"this server holds {self.limits.per_process} subscriptions; try another or later",
                max=self.limits.per_process,
            )
        if self._per_client[client] >= self.limits.per_client:
            raise TooManySubscriptions(
                f"at most {self.limits.per_client} subscriptions at once per client",
                max=self.limits.per_client,
            )
        return start

    @contextlib.asynccontextmanager
    async def subscription(
        self, client: str, user: str | None, wants: Callable[[Change], bool], after: str | None
    ) -> AsyncIterator[Feed]:
        """A subscription of `client` to the changes it `wants` (and may see), from the one
        after `after` (kept changes only) or from now; counted against the limits while open."""
        await self._follow()
        # checked and counted with no await between: concurrent subscriptions cannot all pass
        start = self.admit(client, after)
        subscriber = Subscriber(client, user, wants, asyncio.Queue(self.limits.queued))
        self._subscribers.add(subscriber)
        self._per_client[client] += 1
        self.on_count(len(self._subscribers))
        try:
            backlog: list[Entry] = []
            if after is not None:
                try:
                    backlog = await self.log.after(after)
                except ChangesExpired as expired:
                    raise EventsExpired(
                        f"changes after {after} are no longer kept; read the current state "
                        "again and subscribe without `after` (or `Last-Event-ID`)",
                        oldest=str(expired) or None,
                    ) from None
                except LogUnavailable:
                    raise LiveUnavailable("the change log does not answer") from None
                subscriber.last = start
            kept = [e for e in backlog if e[1].visible_to(user) and wants(e[1])]
            if kept:
                subscriber.last = event_key(kept[-1][0]) or start
            yield Feed(kept, self._entries(subscriber))
        finally:
            self._subscribers.discard(subscriber)
            self._per_client[client] -= 1
            if self._per_client[client] <= 0:
                del self._per_client[client]
            self.on_count(len(self._subscribers))

    async def _entries(self, subscriber: Subscriber) -> AsyncIterator[Entry]:
        """The changes the reader hands the subscriber after its backlog, each once."""
        while True:
            if subscriber.overflowed:
                raise SubscriberTooSlow(
                    f"more than {self.limits.queued} changes waited for this subscription; "
                    "subscribe again with `after` set to the last eventId received",
                    lastEventId=_format(subscriber.last) if subscriber.last != (0, 0) else None,
                )
            entry = await subscriber.queue.get()
            key = event_key(entry[0]) or (0, 0)
            if key <= subscriber.last:
                continue  # also in the backlog
            subscriber.last = key
            yield entry

    async def _follow(self) -> None:
        """Starts this process's reader of the log once; returns when it has its position."""
        if self._reader is None:
            # a context of its own: not the request id of the subscription that started it
            self._reader = asyncio.create_task(
                self._read(), name="bzpeer-live-reader", context=contextvars.Context()
            )
        await self._started.wait()

    async def _read(self) -> None:
        while self._position is None:
            try:
                self._position = await self.log.newest()
            except LogUnavailable:
                await asyncio.sleep(RETRY_S)
        self._started.set()
        while True:
            try:
                entries = await self.log.wait_after(self._position, BLOCK_S)
            except LogUnavailable as exc:
                log.warning("the change log does not answer (%s); trying again", exc)
                await asyncio.sleep(RETRY_S)
                continue
            except ChangesExpired:
                log.warning("changes came faster than this process read them; some were lost")
                self._position = await self.log.newest()
                continue
            for entry in entries:
                self._position = entry[0]
                for subscriber in list(self._subscribers):
                    subscriber.offer(entry)

    async def close(self) -> None:
        if self._reader is not None:
            self._reader.cancel()
            with contextlib.suppress(asyncio.CancelledError):
                await self._reader
            self._reader = None
        await self.log.close()


def hub_for(
    settings: Settings,
    on_fallback: Callable[[str], None] = lambda use: None,
    on_count: Callable[[int], None] = lambda count: None,
) -> Hub:
    """The hub of one server process: over the Redis stream of BZPEER_REDIS_URL, else over a
    log in this process's memory."""
    changes: ChangeLog = (
        RedisChangeLog(
            settings.redis_url, settings.live_retention, settings.redis_timeout_s, on_fallback
        )
        if settings.redis_url
        else MemoryChangeLog(settings.live_retention)
    )
    limits = LiveLimits(
        settings.max_subscriptions, settings.max_subscriptions_per_client, settings.live_queue
    )
    return Hub(changes, limits, on_count)


def _start_key(after: str | None) -> tuple[int, int]:
    if after is None:
        return (0, 0)
    key = event_key(after)
    if key is None:
        raise BadUserInput(
            "after must be an eventId of this API (`<milliseconds>-<sequence>`)", argument="after"
        )
    return key


def _format(key: tuple[int, int]) -> str:
    return f"{key[0]}-{key[1]}"
