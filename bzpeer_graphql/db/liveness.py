"""Whether Neo4j answers: one deadline per statement instead of a timer on every socket read,
and the outage rule (`Outage`) once it does not.

Neo4j tells each new Bolt connection how long it may stay silent
(`connection.recv_timeout_seconds`, 120 s by default: its keep-alive interval times its probes),
and the async driver then waits for each read of the socket through a task and a timer of its own:
about a tenth of the CPU a small request costs this server. The point of that timeout is to notice
a connection that died without closing. Inside `bounded`, the statement as a whole has a deadline
instead (the server stops a statement at the query timeout; see `Database.deadline_s`), and the
connections the app's own driver opens there read and write their socket without a timer (the
write timeout, `connection_write_timeout`, cost one more task per statement). A driver a host
app passed in keeps its timers: the host may use its connections outside our deadlines.
"""

from __future__ import annotations

import asyncio
import importlib
import logging
import time
from collections.abc import AsyncIterator, Awaitable, Callable
from contextlib import asynccontextmanager
from contextvars import ContextVar
from typing import Any

from neo4j.exceptions import ServiceUnavailable

log = logging.getLogger("bzpeer_graphql.db")

#: set while a statement of the app's own driver runs under its deadline
_BOUNDED: ContextVar[bool] = ContextVar("bzpeer_bounded", default=False)
_installed: bool | None = None
#: the driver's socket methods that set the timeout of every later read or write
_SETTERS = ("set_read_timeout", "set_write_timeout")


def install() -> bool:
    """Makes sockets opened under `bounded` keep no read timeout; False when this driver
    version has no such hook (then every read keeps the driver's own timer, and nothing else
    changes)."""
    global _installed
    if _installed is not None:
        return _installed
    try:
        module: Any = importlib.import_module("neo4j._async_compat.network._bolt_socket")
    except ImportError:
        module = None
    socket_class = getattr(module, "AsyncBoltSocketBase", None)
    setters = {name: getattr(socket_class, name, None) for name in _SETTERS}
    if None in setters.values():
        log.warning("this neo4j driver has no socket timeout hooks; socket waits keep timers")
        _installed = False
        return False
    for name, original in setters.items():
        setattr(socket_class, name, _unless_bounded(original))
    _installed = True
    return True


def _unless_bounded(original: Any) -> Any:
    """A socket's timeout setter that sets none under `bounded`."""

    def set_timeout(self: Any, timeout: float | None) -> None:
        original(self, None if _BOUNDED.get() else timeout)

    return set_timeout


@asynccontextmanager
async def bounded(seconds: float | None) -> AsyncIterator[None]:
    """Runs the block under one deadline of `seconds` (None: the driver's own timers), with
    sockets opened in it keeping no per-read timeout; past the deadline, `DeadConnection`."""
    if seconds is None:
        yield
        return
    token = _BOUNDED.set(True)
    deadline = asyncio.timeout(seconds)
    try:
        async with deadline:
            yield
    except TimeoutError:
        if deadline.expired():
            raise DeadConnection(f"Neo4j answered nothing within {seconds:g} s") from None
        raise
    finally:
        _BOUNDED.reset(token)


class DeadConnection(ServiceUnavailable):
    """A statement outlived its deadline: its connection is taken as dead (tried again on
    another, as a lost connection is)."""


class Outage:
    """Whether Neo4j was unreachable just now. While it is, queries fail at once instead of
    each waiting out the driver's retries; one connection attempt per `probe_s` seconds finds
    out when it is back."""

    def __init__(self, probe_s: float) -> None:
        self.probe_s = probe_s
        self._next_probe: float | None = None  # None: no outage known
        self._probing = False

    @property
    def down(self) -> bool:
        return self._next_probe is not None

    def began(self) -> None:
        self._next_probe = time.monotonic() + self.probe_s

    def ended(self) -> None:
        self._next_probe = None

    async def may_try(self, probe: Callable[[], Awaitable[bool]]) -> bool:
        """True when a query may go to Neo4j: no outage, or a probe found it answering again."""
        if self._next_probe is None:
            return True
        if self._probing or time.monotonic() < self._next_probe:
            return False
        self._probing = True
        try:
            reachable = await probe()
        finally:
            self._probing = False
        if reachable:
            self.ended()
        else:
            self.began()
        return reachable
