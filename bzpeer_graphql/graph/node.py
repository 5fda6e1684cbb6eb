"""What every node type shares: the `Node` interface, the resolve info of the few resolvers that
are steps, and value descriptions of enums."""

from __future__ import annotations

from enum import Enum
from typing import Annotated, Any

import strawberry
from strawberry.types import Info

from bzpeer_graphql.context import Context
from bzpeer_graphql.engine.paging import Page, list_scope, page
from bzpeer_graphql.graph.plans import ID, planned

Row = dict[str, Any]
GraphInfo = Info[Context, None]


#: the `id` argument of `node`: any kind of node
NodeId = Annotated[
    strawberry.ID,
    strawberry.argument(description="The id of any researcher, paper, topic or institution."),
]


@strawberry.interface(description="Anything in the research graph with an id.")
class Node:
    id: strawberry.ID = planned(
        ID,
        "The node's id, unique across every kind of node (OpenAlex ids carry the kind's "
        "letter, W/A/T/I; the seed's and the generator's are apart by their form; importers "
        "and mutations refuse an id another kind holds).",
    )


def describe_values(enum: type[Enum], **descriptions: str) -> None:
    """Gives each value of a Strawberry enum its description, by value name."""
    for value in enum.__strawberry_definition__.values:  # type: ignore[attr-defined]
        value.description = descriptions[value.name]


def page_of(
    info: GraphInfo,
    first: int | None,
    after: str | None,
    last: int | None,
    before: str | None,
    ordering: str = "",
    options: dict[str, Any] | None = None,
) -> Page:
    """A resolver's checked paging arguments; the cursors are those of this field of this type,
    in this ordering with these options, only."""
    scope = list_scope(f"{info.path.typename}.{info.field_name}", ordering, options)
    return page(first, after, info.context.settings, scope, last, before)


def limit(info: GraphInfo, first: int | None) -> int:
    """A resolver's plain list `first`, checked against the same caps as connections."""
    return page(first, None, info.context.settings).first
