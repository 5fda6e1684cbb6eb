"""How a field says where its value comes from, once: `planned(spec, ...)` for a field without
arguments, `@planned_by(spec, ...)` over a function that declares a field's arguments and type
(its body never runs: the plan does, in the planner and in graphql-core alike). The plans most
fields share are made here: node properties, per-parent pages and the list roots."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum
from operator import attrgetter, itemgetter, methodcaller
from typing import Any, TypeVar

import strawberry
from strawberry.utils.str_converters import to_camel_case

from bzpeer_graphql.engine.bind import PLAN
from bzpeer_graphql.engine.fields import Conn, Leaf, Load, Needs, Props, Row, Spec, conn_of, node
from bzpeer_graphql.engine.paging import Page, list_scope, page
from bzpeer_graphql.loaders.base import CypherLoader, ListKey
from bzpeer_graphql.loaders.filters import UNBOUND, listed
from bzpeer_graphql.settings import Settings

F = TypeVar("F", bound=Callable[..., Any])


def planned(spec: Spec, description: str, **options: Any) -> Any:
    """A field without arguments, had as `spec` says."""
    return strawberry.field(description=description, metadata={PLAN: spec}, **options)


def planned_by(spec: Spec, description: str, **options: Any) -> Callable[[F], Any]:
    """A field whose arguments and type the decorated function declares, had as `spec` says."""

    def declare(signature: F) -> Any:
        return strawberry.field(
            resolver=signature, description=description, metadata={PLAN: spec}, **options
        )

    return declare


def prop(name: str) -> Needs:
    """What a field reading the node property `name` needs of the loader that brings the node."""
    return Needs(props=frozenset({name}))


def get(name: str) -> Leaf:
    """A node property, null when missing."""
    return Leaf(methodcaller("get", name), prop(name))


def text(name: str) -> Leaf:
    """A node property that is never null: the empty string when missing."""
    return Leaf(lambda row: row.get(name) or "", prop(name))


def item(name: str) -> Leaf:
    """A column of a loaded row (not a node property)."""
    return Leaf(itemgetter(name))


def attr(name: str) -> Leaf:
    """An attribute of the parent object."""
    return Leaf(attrgetter(name))


def edge_item(name: str) -> Leaf:
    """A column of a page item, read on its edge."""
    return Leaf(lambda edge: edge[0][name])


#: a node's id
ID = Leaf(itemgetter("id"), prop("id"))
#: what reading a page item's sort key needs: a cursor is asked for
SORTED = Needs(sorted=True)


def no_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> None:
    return None


def by_own_id(source: Row, args: Any) -> Hashable:
    """The parent's id as the loader key."""
    return source["id"]  # type: ignore[no-any-return]


def nodes(rows: list[Row], args: Any, props: Props | None) -> list[Row]:
    """The nodes of a list loader's rows."""
    if props is None:
        return [row["node"] for row in rows]
    return [node(row["node"], props) for row in rows]


def node_or_none(value: Any, args: Any, props: Props | None) -> Row | None:
    return node(value, props) if value is not None else None


def first_of(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> int:
    """A plain list's `first`, checked against the same caps as a page's."""
    return page(given.get("first"), None, settings).first


def top(source: Row, first: int) -> Hashable:
    """The key of a top-N loader: the parent's id and N."""
    return source["id"], first


def list_key(parent_id: str, request: Page, **options: Any) -> ListKey:
    """The loader key of one page of a per-parent list."""
    wire = {
        name: value.value if isinstance(value, Enum) else value for name, value in options.items()
    }
    after, before = request.bounds()
    return ListKey(
        parent_id, request.first, after, tuple(sorted(wire.items())), before, request.backward
    )


_NO_KEY = ListKey("", 0)


@dataclass(frozen=True)
class PageArgs:
    """A page field's checked arguments and its loader key but for the parent's id."""

    request: Page
    template: ListKey = _NO_KEY


def page_load(
    list_name: str,
    loader: type[CypherLoader],
    ordering: Callable[[dict[str, Any]], str],
    options: Callable[[dict[str, Any]], dict[str, Any]] = lambda given: {},
) -> Load:
    """A per-parent connection; `list_name` (`Type.field`) and the ordering tag its cursors."""

    def args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> PageArgs:
        chosen = options(given)
        request = page_request(
            given, settings, list_scope(list_name, ordering(given), bound(chosen))
        )
        return PageArgs(request, list_key("", request, **chosen))

    def key(source: Row, args: PageArgs) -> Hashable:
        made = args.template
        return ListKey(
            source["id"], made.first, made.after, made.options, made.before, made.backward
        )

    def shape(value: Any, args: PageArgs, props: Props | None) -> Conn:
        return conn_of(value, args.request, props)

    return Load(loader, args, key, shape)


#: the fields of a connection that need none of its items
COUNT_ONLY = frozenset({"totalCount", "__typename"})


def root_page(
    list_name: str,
    ordering: str,
    loader: type[CypherLoader],
    filter_names: tuple[str, ...] | Callable[[dict[str, Any] | None], dict[str, Any]],
    ordered: Callable[[dict[str, Any]], dict[str, Any]] = lambda given: {},
) -> Load:
    """A list root (`papers`, `researchers`...): one page of every node matching a filter (its
    input's field names, or the function making loader key options of it); `ordered` makes key
    options of the other arguments the order reads (none by default)."""
    make = (
        filter_names
        if callable(filter_names)
        else lambda given: filter_options(given, filter_names)
    )

    def args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Any:
        options = make(given.get("filter"))
        extra = ordered(given)
        order = f"{ordering}_{given['orderBy'].value}"
        request = page_request(
            given, settings, list_scope(list_name, order, bound(options | extra))
        )
        key = list_key(
            "all",
            request,
            order=given["orderBy"],
            withTotal="totalCount" in selected,
            # a page of which only the count is asked reads no items (a file may ignore it)
            countOnly=True if selected <= COUNT_ONLY else None,
            # the options the filter's anchor adds (`UNBOUND`) are read off its fields, not
            # conditions of their own: a list without a filter walks its order untested and
            # counts from the count store
            filtered=any(value is not None for value in bound(options).values()),
            **options,
            **extra,
        )
        return request, key

    return Load(
        loader,
        args,
        lambda source, args: args[1],
        lambda value, args, props: conn_of(value, args[0], props),
    )


def bound(options: dict[str, Any]) -> dict[str, Any]:
    """The key options a list's cursors are bound to: all but those of `UNBOUND`."""
    return {name: value for name, value in options.items() if name not in UNBOUND}


def page_request(given: dict[str, Any], settings: Settings, scope: str) -> Page:
    """A connection's checked `first`/`after`/`last`/`before`, its cursors bound to `scope`."""
    return page(
        given.get("first"),
        given.get("after"),
        settings,
        scope,
        given.get("last"),
        given.get("before"),
    )


def filter_options(given: dict[str, Any] | None, names: tuple[str, ...]) -> dict[str, Any]:
    """A filter argument as loader key options: every field by name, `*Contains` lower case,
    lists as tuples (enum members as their values; an empty list as no condition)."""
    given = given or {}
    options: dict[str, Any] = {}
    for name in names:
        value = given.get(name)
        if isinstance(value, list):
            value = [v.value if isinstance(v, Enum) else v for v in value]
        value = value.value if isinstance(value, Enum) else listed(name, value)
        options[name] = value.lower() if name.endswith("Contains") and value is not None else value
    return options


def input_names(cls: type) -> tuple[str, ...]:
    """The GraphQL names of an input type's fields, read off its strawberry definition."""
    return tuple(
        field.graphql_name or to_camel_case(field.python_name)
        for field in cls.__strawberry_definition__.fields  # type: ignore[attr-defined]
    )


def as_node(row: Row) -> Any:
    """A node's row where a strawberry type names the node's type: rows are the objects of the
    node types (their fields read them), in the planner and in graphql-core alike."""
    return row
