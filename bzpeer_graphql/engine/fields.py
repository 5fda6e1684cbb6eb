"""The kinds of field a plan holds: read from the parent's source (`Leaf`, `Child`), brought
by one loader batch for all parents of a level (`Load`), or by a resolver's own function
(`Call`); and what a selection needs from the loader that brings it (`Needs`)."""

from __future__ import annotations

from collections.abc import Awaitable, Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from bzpeer_graphql.graph.pagination import encode_cursor
from bzpeer_graphql.loaders.base import CypherLoader, Want
from bzpeer_graphql.settings import Settings

Row = dict[str, Any]
Props = tuple[str, ...]


@dataclass(frozen=True)
class Needs:
    """What a field needs from the loader that brought its parent."""

    props: frozenset[str] = frozenset()
    cites: bool = False
    sorted: bool = False

    def __or__(self, other: Needs) -> Needs:
        return Needs(
            self.props | other.props, self.cites or other.cites, self.sorted or other.sorted
        )

    def want(self) -> Want:
        return Want(tuple(sorted(self.props | {"id"})), self.cites, self.sorted)


NOTHING = Needs()


@dataclass(frozen=True)
class Leaf:
    """A scalar or enum (or a list of them) read from the parent's source."""

    get: Callable[[Any], Any]
    needs: Needs = NOTHING


@dataclass(frozen=True)
class Child:
    """An object (or list of objects) made from the parent's source, without a round trip."""

    get: Callable[[Any], Any]
    needs: Needs = NOTHING


@dataclass(frozen=True)
class Load:
    """An object (or list) one loader batch brings for all parents of a level.

    `args(arguments, settings, selected)` runs once per field per operation (`selected`: the
    names the field's own selection asks for); `key(source, args)` gives each parent's loader
    key; `shape(value, args, props)` turns a loaded value into the field's source.
    """

    loader: type[CypherLoader]
    args: Callable[[dict[str, Any], Settings, frozenset[str]], Any]
    key: Callable[[Any, Any], Hashable]
    shape: Callable[[Any, Any, Props | None], Any]


@dataclass(frozen=True)
class Call:
    """An object one call of a resolver's own function brings per parent, for fields that batch
    inside (the neighbourhood's levels go through the request's loaders); the calls of a level
    run side by side, so their loads share batches."""

    run: Callable[[Any, Any, Any], Awaitable[Any]]
    args: Callable[[dict[str, Any], Settings, frozenset[str]], Any]


Spec = Leaf | Child | Load | Call


@dataclass
class Conn:
    """A page of a connection as its fields read it."""

    items: list[Row]
    total: Any
    has_next: bool
    has_previous: bool
    ordering: str
    edges: list[tuple[Row, Conn]] = field(default_factory=list)

    def cursor(self, item: Row) -> str:
        return encode_cursor(list(item["sort"]), self.ordering)


def node(value: Any, props: Props | None) -> Row:
    """A node as a map: as loaded when every property came, else from its projected values."""
    if props is None or isinstance(value, dict):
        return value  # type: ignore[no-any-return]
    return dict(zip(props, value, strict=True))
