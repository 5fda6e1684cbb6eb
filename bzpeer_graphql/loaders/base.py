"""The base of every loader: one Cypher file over `UNWIND $keys`, rows put back in key order."""

from __future__ import annotations

import asyncio
from asyncio import Future
from collections.abc import Hashable, Sequence
from dataclasses import dataclass, field
from typing import Any, ClassVar, Self

import orjson
from aiodataloader import DataLoader, Loader, dispatch_queue_batch
from neo4j.api import AsyncBookmarkManager

from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.database import Database, RoundTrips, Row


@dataclass(frozen=True)
class Want:
    """What a projecting loader's Cypher returns: node properties (None: every property, as a
    map; else a list of values in `props` order), citation counts and sort keys."""

    props: tuple[str, ...] | None = None
    cites: bool = True
    sorted: bool = True

    def params(self) -> dict[str, Any]:
        return {"props": self.props, "cites": self.cites, "sorted": self.sorted}


#: what graphql-core's resolvers get: everything, as before the planner
EVERYTHING = Want()


@dataclass
class LoaderScope:
    """What one request's loaders share: the database, the round-trip count, batching on/off,
    and the viewer's bookmarks (None for anonymous reads, which wait for nothing)."""

    db: Database
    trips: RoundTrips = field(default_factory=RoundTrips)
    batching: bool = True
    bookmarks: AsyncBookmarkManager | None = None
    #: (Cypher file, what it was asked to return) of every projecting batch, in order
    fetched: list[tuple[str, Want]] = field(default_factory=list)
    #: send a batch on the loop's next turn (see `CypherLoader.do_resolve_reject`): set while
    #: a plan runs, which asks each level's keys together
    prompt: bool = False


class CypherLoader(DataLoader[Any, Any]):
    """Loads one value per key by running `cypher/loaders/<query>.cypher` once per batch.

    The file gets `$keys` (plus `params()`) and returns rows with a `key` column; rows are grouped
    by key and shaped by `value()`.
    """

    query: ClassVar[str]
    #: the folder of `cypher/` the file lives in
    folder: ClassVar[str] = "loaders"
    #: whether the file takes `$props`, `$cites` and `$sorted` (see `Want`)
    projects: ClassVar[bool] = False

    def __init__(self, scope: LoaderScope, want: Want = EVERYTHING) -> None:
        super().__init__(batch=scope.batching)
        self._sending: set[asyncio.Task[None]] = set()
        self.scope = scope
        self.want = want

    @classmethod
    def for_plan(cls, scope: LoaderScope, want: Want = EVERYTHING) -> Self:
        """A loader for the planner, which asks only its Cypher (`request`, `answer`,
        `variant`) and never `load`: without aiodataloader's queue, cache and checks, whose
        set-up cost a small query as much as placing its answer."""
        loader = cls.__new__(cls)
        loader.scope = scope
        loader.want = want
        return loader

    def do_resolve_reject(self, key: Any, future: Future[Any]) -> None:
        """Queues a key. While a plan runs (`scope.prompt`), the first key of a batch starts a
        task that takes the queue when it first runs (the loop's next turn) and sends the batch
        at once: aiodataloader's own scheduling takes three turns, and each turn of a busy
        server's loop is every other request's ready work (a slice's levels waited ~60 ms
        longer under 16 clients for that). graphql-core's resolvers keep those three turns:
        they reach the keys of one level over several turns, and batch them only so."""
        if not (self.scope.prompt and self.batch and not self.max_batch_size):
            super().do_resolve_reject(key, future)
            return
        self._queue.append(Loader(key=key, future=future))
        if len(self._queue) == 1:
            task = self.loop.create_task(self._send_queue())
            self._sending.add(task)
            task.add_done_callback(self._sending.discard)

    async def _send_queue(self) -> None:
        queue, self._queue = self._queue, []
        await dispatch_queue_batch(self, queue)

    def wire_key(self, key: Any) -> Any:
        """The key as the Cypher file receives it."""
        return key

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        """Extra parameters for the Cypher file besides `$keys`."""
        return {}

    def value(self, key: Any, rows: list[Row]) -> Any:
        """The loaded value of `key` from its rows; default: the first row, or None."""
        return rows[0] if rows else None

    @property
    def name(self) -> str:
        """The Cypher file, as `Database.read` takes it."""
        return f"{self.folder}/{self.query}"

    def variant(self, wire: Sequence[Any]) -> str:
        """The Cypher file for a batch whose keys go over the wire as `wire` (a planned batch
        of derived keys: its templates): the variant of `name` for the fields they give."""
        if not cypher.variant_fields(self.name):
            return self.name
        given: set[str] = set()
        for key in wire:
            if isinstance(key, dict):
                given.update(name for name, value in key.items() if value is not None)
        return cypher.variant(self.name, given)

    def request(self, keys: Sequence[Any]) -> tuple[list[Any], dict[str, Any]]:
        """The keys as the file receives them, and every parameter of the batch."""
        wire = [self.wire_key(key) for key in keys]
        params = {"keys": wire, **self.params(keys)}
        if self.projects:
            params.update(self.want.params())
            self.scope.fetched.append((self.query, self.want))
        return wire, params

    def answer(self, keys: Sequence[Any], wire: list[Any], rows: list[Row]) -> list[Any]:
        """The value of each key, in order, from the batch's rows."""
        self.scope.trips.batches.append((self.query, len(keys)))
        if len(keys) == 1:
            # every row is the one key's: no need to hash the key echoed on each of them, which
            # for a large key (a slice's node ids) costs more than the query
            return [self.value(keys[0], rows)]
        grouped: dict[Hashable, list[Row]] = {}
        for row in rows:
            grouped.setdefault(_hashable(row["key"]), []).append(row)
        return [
            self.value(key, grouped.get(_hashable(w), []))
            for key, w in zip(keys, wire, strict=True)
        ]

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Any]:
        wire, params = self.request(keys)
        rows = await self.scope.db.read(
            self.variant(wire), params, self.scope.trips, self.scope.bookmarks
        )
        return self.answer(keys, wire, rows)


def _hashable(value: Any) -> Hashable:
    """A key as something hashable, equal for a wire key and its echo from Cypher."""
    if type(value) is str:
        return value  # most keys are node ids
    if isinstance(value, dict | list):
        try:
            # canonical JSON, made in C: several times faster than the walk below
            return orjson.dumps(value, option=orjson.OPT_SORT_KEYS)
        except TypeError:
            return _walked(value)
    return value  # type: ignore[no-any-return]


def _walked(value: Any) -> Hashable:
    if isinstance(value, dict):
        return tuple(sorted((k, _walked(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_walked(v) for v in value)
    return value  # type: ignore[no-any-return]


@dataclass(frozen=True)
class ListKey:
    """The key of a per-parent list: the parent's id, the page asked for (`first` items after
    `after` and before `before`; the last `first` of them when `backward`), and list options."""

    id: str
    first: int
    after: tuple[Any, ...] | None = None
    options: tuple[tuple[str, Any], ...] = ()
    before: tuple[Any, ...] | None = None
    backward: bool = False


class NodeLoader(CypherLoader):
    """Loads nodes by id; the value is the node's properties, or None for an unknown id."""

    def value(self, key: Any, rows: list[Row]) -> Any:
        return rows[0]["node"] if rows else None


class ListLoader(CypherLoader):
    """Loads a whole list per parent id: the value is the parent's rows, in the file's order."""

    def value(self, key: Any, rows: list[Row]) -> Any:
        return rows


class TopLoader(ListLoader):
    """Loads the first N rows of a list per parent; the key is (parent id, N)."""

    def wire_key(self, key: tuple[str, int]) -> dict[str, Any]:
        return {"id": key[0], "first": key[1]}


class PageLoader(CypherLoader):
    """Loads one page per `ListKey` in one query: the file slices each list to `$limit` items.

    The file gets each key's `first`, `after`, `before` and `backward` and returns `total`,
    `items` (in list order: the first `$limit` of the window between the cursors, or with
    `backward` the last `$limit`), `earlier` and `later` (whether the list holds items at or
    before `after`, at or after `before`). The value is `{"total", "items", "earlier", "later",
    "parent"}` with up to `first + 1` items (one more than asked, at the far end of the page's
    direction, to tell whether the window goes on), or None for an unknown parent.
    """

    def wire_key(self, key: ListKey) -> dict[str, Any]:
        return {
            "id": key.id,
            "first": key.first,
            "after": list(key.after) if key.after is not None else None,
            "before": list(key.before) if key.before is not None else None,
            "backward": key.backward,
            **dict(key.options),
        }

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"limit": max(key.first for key in keys) + 1}

    def value(self, key: ListKey, rows: list[Row]) -> Any:
        if not rows:
            return None
        return page_value(key, rows[0])


def page_value(key: ListKey, row: Row) -> Row:
    """A page file's row for `key` as a page loader's value."""
    items = row["items"]
    return {
        "total": row["total"],
        "items": items[-(key.first + 1) :] if key.backward else items[: key.first + 1],
        "earlier": row.get("earlier", False),
        "later": row.get("later", False),
        "parent": key.id,
    }
