"""The kinds of field plan, each a field's one definition of how its value is had: read from the
parent's source (`Leaf`, `Child`), brought by one loader batch for all parents of a level
(`Load`), or by a function called once per parent (`Call`, `Step`); and what a selection needs
from the loader that brings its objects (`Needs`). The planner runs these; graphql-core runs
resolvers made from the same plans (`engine.bind`)."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from bzpeer_graphql.engine.paging import Page, binding, encode_cursor
from bzpeer_graphql.loaders.base import CypherLoader, Want
from bzpeer_graphql.settings import Settings

Row = dict[str, Any]
Props = tuple[str, ...]
#: `args(arguments, settings, selected)`: a field's arguments as graphql-core coerced them (by
#: GraphQL name), the request's settings and the names its own selection asks for
Args = Callable[[dict[str, Any], Settings, frozenset[str]], Any]


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


def given(arguments: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Any:
    """A field's arguments as they came: for plans that read them by GraphQL name."""
    return arguments


def no_args(arguments: dict[str, Any], settings: Settings, selected: frozenset[str]) -> None:
    """For plans of fields without arguments."""
    return None


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

    `args` runs once per field per operation; `key(source, args)` gives each parent's loader
    key; `shape(value, args, props)` turns a loaded value into the field's source (`props`: the
    properties a projecting loader returned, in order; None when it returned whole maps).
    """

    loader: type[CypherLoader]
    args: Args
    key: Callable[[Any, Any], Hashable]
    shape: Callable[[Any, Any, Props | None], Any]


@dataclass(frozen=True)
class Call:
    """A value one call of `run(source, args, context)` brings per parent, for fields that batch
    inside (their loads go through the request's loaders); the calls of a level run side by
    side, so their loads share batches. `run` returns the value, or an awaitable of it when it
    has to load."""

    run: Callable[[Any, Any, Any], Any]
    args: Args = given
    #: what it reads of its parent, as a `Leaf` would say
    needs: Needs = NOTHING


@dataclass(frozen=True)
class Step:
    """A graphql-core resolver run as a plan step, once per parent with the resolve info
    graphql-core would give it: for fields whose work is not a read of the graph (mutations'
    payloads, the viewer) and that therefore need no batching of their own."""

    resolve: Callable[..., Any]


Spec = Leaf | Child | Load | Call | Step


@dataclass(frozen=True)
class Refused:
    """A field's arguments that did not check out (or a value that failed): the field fails."""

    error: Exception


class Typed(dict[str, Any]):
    """A node's row where the schema's type says only "one of several kinds" (`Node`, a union):
    the row with the name of its object type."""

    __slots__ = ("typename",)

    def __init__(self, typename: str, row: Row) -> None:
        super().__init__(row)
        self.typename = typename


@dataclass
class Conn:
    """A page of a connection as its fields read it: the items (each with `sort` and `node`),
    the total, whether edges of the list follow or precede the page, and the binding of its
    cursors."""

    items: list[Row]
    total: Any
    has_next: bool
    has_previous: bool
    binding: str
    edges: list[tuple[Row, Conn]] = field(default_factory=list)

    def cursor(self, item: Row) -> str:
        return encode_cursor(list(item["sort"]), self.binding)


def conn_of(result: Row | None, request: Page, props: Props | None) -> Conn:
    """The page a page loader brought (`total`, up to `first + 1` items in list order: the
    extra one at the far end of the page's direction, `earlier` and `later`: whether the list
    holds edges at or before `after`, at or after `before`; `parent`: whose list it is), as a
    `Conn`; BAD_USER_INPUT when a cursor given was issued for another list or parent."""
    bound = binding(request.scope, result.get("parent", "") if result else "")
    if result is not None and (refused := request.refusal(bound)) is not None:
        raise refused
    items = result["items"] if result else []
    total = result["total"] if result else 0
    more = len(items) > request.first
    if request.backward:
        items = items[len(items) - request.first :] if more else items
    else:
        items = items[: request.first]
    for item in items:
        if props is not None:
            item["node"] = node(item["node"], props)
        if "citedByCount" in item and "citedByCount" not in item["node"]:
            item["node"]["citedByCount"] = item["citedByCount"]
    earlier = bool(result and result.get("earlier"))
    later = bool(result and result.get("later"))
    conn = Conn(
        items,
        total,
        later or (more and not request.backward),
        earlier or (more and request.backward),
        bound,
    )
    conn.edges = [(item, conn) for item in items]
    return conn


def node(value: Any, props: Props | None) -> Row:
    """A node as a map: as loaded when every property came, else from its projected values."""
    if props is None or isinstance(value, dict):
        return value  # type: ignore[no-any-return]
    return dict(zip(props, value, strict=True))
