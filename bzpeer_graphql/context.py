"""What one request carries: the viewer, the settings, the loaders and the Cypher round trips."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from dataclasses import dataclass, field
from functools import cached_property
from typing import Any, TypeVar

from neo4j.api import AsyncBookmarkManager

from bzpeer_graphql.db.database import Database, RoundTrips, Row, Transaction
from bzpeer_graphql.errors import Unauthenticated
from bzpeer_graphql.live.changes import Change
from bzpeer_graphql.live.hub import Hub
from bzpeer_graphql.loaders.base import CypherLoader, LoaderScope
from bzpeer_graphql.policy.auth import Viewer
from bzpeer_graphql.settings import Settings

L = TypeVar("L", bound=CypherLoader)
T = TypeVar("T")


@dataclass
class ChangeReads:
    """The loaders of one change, shared by every subscriber of this process that reads it: each
    value is loaded once per change (a viewer's own values, such as `viewerFollows`, are loaded
    by keys that name the viewer, so each viewer gets its own)."""

    scope: LoaderScope
    loaders: dict[type[CypherLoader], CypherLoader] = field(default_factory=dict)


#: the reads of the change a subscription is handing over (in its task), else None
_change_reads: ContextVar[ChangeReads | None] = ContextVar("bzpeer_change_reads", default=None)


@dataclass
class Context:
    """Per-request state; loaders are made on first use, inside the request's event loop."""

    db: Database
    settings: Settings
    request: Any = None
    response: Any = None
    debug: bool = False
    viewer: Viewer | None = None
    #: the bookmarks its reads and writes carry (by default the viewer's, none when anonymous)
    bookmarks: AsyncBookmarkManager | None = None
    #: this process's side of the change log (None: changes are not published)
    hub: Hub | None = None
    #: what a WebSocket's `connection_init` carried (its `authorization`)
    connection_params: dict[str, Any] | None = None
    #: a WebSocket's place among its client's open sockets (a `policy.sockets.Lease`)
    socket_lease: Any = None
    #: the client's address (its rate and subscriptions are counted by viewer, else by it)
    address: str = "unknown"
    #: whether the planner answered the last operation (else graphql-core did)
    planned: bool = False
    #: errors the planner met in this request (fields answered null with an error)
    planner_errors: int = 0
    #: the `Last-Event-ID` an event stream's client sent: where its subscription resumes
    resume_after: str | None = None
    #: the event id of the change a subscription handed over last (an event stream's `id:`)
    event_id: str | None = None
    _loaders: dict[type[CypherLoader], CypherLoader] = field(default_factory=dict)

    @cached_property
    def scope(self) -> LoaderScope:
        bookmarks = self.bookmarks
        if bookmarks is None and self.viewer is not None:
            bookmarks = self.db.bookmarks_for(self.viewer.id)
        return LoaderScope(self.db, batching=self.settings.batching, bookmarks=bookmarks)

    @property
    def trips(self) -> RoundTrips:
        return self.scope.trips

    def loader(self, cls: type[L]) -> L:
        """This request's loader of class `cls` (while a subscription hands a change over: the
        loader every subscriber of this process reads that change through)."""
        shared = _change_reads.get()
        loaders, scope = (self._loaders, None) if shared is None else (shared.loaders, shared.scope)
        if cls not in loaders:
            loaders[cls] = cls(scope or self.scope)
        return loaders[cls]  # type: ignore[return-value]

    def forget_loaded(self) -> None:
        """Drops this request's loaders and what they loaded."""
        self._loaders.clear()
        _change_reads.set(None)

    def read_change(self, event_id: str, *, afresh: bool = False) -> None:
        """From here on (in this task) reads go through the loaders every subscriber of this
        process shares for change `event_id`: the first to read a value loads it, right after
        the change; the others take it. Anonymous reads (no bookmarks): the change is committed.
        `afresh`: this subscriber's own loaders, emptied (a change caught up on, read now)."""
        self.event_id = event_id
        if self.hub is None or afresh:
            self.forget_loaded()
            return
        reads = self.hub.memo.value(
            event_id,
            ChangeReads,
            lambda: ChangeReads(LoaderScope(self.db, batching=self.settings.batching)),
        )
        _change_reads.set(reads)

    @property
    def client(self) -> str:
        """Whom the rate limit and the subscription limits count this request against."""
        return f"viewer:{self.viewer.id}" if self.viewer else f"address:{self.address}"

    async def changed(self, *changes: Change) -> None:
        """Publishes what a committed write changed to every subscriber."""
        if self.hub is not None:
            for change in changes:
                await self.hub.publish(change)

    def signed_in(self) -> Viewer:
        """The viewer; `UNAUTHENTICATED` when the request carries no token."""
        if self.viewer is None:
            raise Unauthenticated("sign in first: send `Authorization: Bearer <token>`")
        return self.viewer

    async def mutate(self, name: str, params: dict[str, Any]) -> list[Row]:
        """Runs `cypher/mutations/<name>.cypher` as the viewer, in one write transaction.

        Loaded values are dropped afterwards, so the rest of the request reads the new state.
        """
        viewer = self.signed_in()
        rows = await self.db.write(
            f"mutations/{name}",
            {"viewerId": viewer.id, "viewerHandle": viewer.handle, **params},
            self.trips,
            self.scope.bookmarks,
        )
        self.forget_loaded()
        return rows

    async def mutate_together(self, work: Callable[[Transaction], Awaitable[T]]) -> T:
        """Runs `work` (several named files) in one write transaction as the signed-in viewer;
        loaded values are dropped afterwards."""
        self.signed_in()
        result = await self.db.write_together(work, self.scope.bookmarks)
        self._loaders.clear()
        return result
