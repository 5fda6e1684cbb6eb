"""What every node type shares, and the helpers resolvers use to reach the request's loaders."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from bzpeer_graphql.context import Context
from bzpeer_graphql.graph.pagination import Page, list_tag, page
from bzpeer_graphql.loaders.base import ListKey

Row = dict[str, Any]
GraphInfo = Info[Context, None]


#: the `id` argument of `node`: any kind of node
NodeId = Annotated[
    strawberry.ID,
    strawberry.argument(description="The id of any researcher, paper, topic or institution."),
]


@strawberry.interface(description="Anything in the research graph with an id.")
class Node:
    id: strawberry.ID = strawberry.field(description="The node's id, unique within its kind.")


def list_key(parent_id: str, request: Page, **options: Any) -> ListKey:
    """The loader key of one page of a per-parent list."""
    wire = {
        name: value.value if isinstance(value, Enum) else value for name, value in options.items()
    }
    return ListKey(parent_id, request.first, request.after, tuple(sorted(wire.items())))


def page_of(info: GraphInfo, first: int | None, after: str | None, ordering: str = "") -> Page:
    """Validated paging arguments, with the caps from the request's settings; the cursors are
    those of this field of this type, in this ordering, only."""
    tag = list_tag(f"{info.path.typename}.{info.field_name}", ordering)
    return page(first, after, info.context.settings, tag)


def limit(info: GraphInfo, first: int | None) -> int:
    """A plain list's `first`, checked against the same caps as connections."""
    return page(first, None, info.context.settings).first


def describe_values(enum: type[Enum], **descriptions: str) -> None:
    """Gives each value of a Strawberry enum its description, by value name."""
    for value in enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = descriptions[value.name]
