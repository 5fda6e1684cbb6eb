"""The connection types every paged list shares (pages and cursors: `engine.paging`)."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from bzpeer_graphql.engine.fields import Child, Leaf
from bzpeer_graphql.graph.plans import SORTED, planned

_CAP = (
    "at most the server's maximum page size (200 unless configured); more, or a negative "
    "number, is BAD_USER_INPUT"
)

#: `first` of a connection or list whose default is the server's page size
First = Annotated[
    int | None,
    strawberry.argument(
        description=f"How many items to return: the server's default page size (20 unless "
        f"configured) when left out, {_CAP}."
    ),
]
#: `first` of a short list that returns ten items unless asked for another number
FirstOfTen = Annotated[
    int | None,
    strawberry.argument(description=f"How many items to return: 10 when left out, {_CAP}."),
]
#: `after` of every connection
After = Annotated[
    str | None,
    strawberry.argument(
        description="Return the items after this cursor: an edge's `cursor` or "
        "`pageInfo.endCursor` from this same list (of this same parent, in the same order and "
        "with the same filter); any other cursor is BAD_USER_INPUT. From the start when left "
        "out."
    ),
]
#: `last` of every connection
Last = Annotated[
    int | None,
    strawberry.argument(
        description=f"Page backward: return the last this many items (before `before`, or of "
        f"the whole list), still in the list's order; {_CAP}. Not together with `first` "
        f"(BAD_USER_INPUT)."
    ),
]
#: `before` of every connection
Before = Annotated[
    str | None,
    strawberry.argument(
        description="Return the items before this cursor: an edge's `cursor` or "
        "`pageInfo.startCursor` from this same list (of this same parent, in the same order "
        "and with the same filter); any other cursor is BAD_USER_INPUT. Up to the end when "
        "left out."
    ),
]


def _start_cursor(conn: Any) -> str | None:
    return conn.cursor(conn.items[0]) if conn.items else None


def _end_cursor(conn: Any) -> str | None:
    return conn.cursor(conn.items[-1]) if conn.items else None


@strawberry.type(description="Where a page of a connection stands in the whole list.")
class PageInfo:
    has_next_page: bool = planned(
        Leaf(lambda conn: conn.has_next),
        "Whether the list has items after this page's last edge (beyond `before` too), "
        "whatever the arguments.",
    )
    has_previous_page: bool = planned(
        Leaf(lambda conn: conn.has_previous),
        "Whether the list has items before this page's first edge (before `after` too), "
        "whatever the arguments.",
    )
    start_cursor: str | None = planned(
        Leaf(_start_cursor, SORTED),
        "The cursor of the first edge; pass it as `before` for the previous page.",
    )
    end_cursor: str | None = planned(
        Leaf(_end_cursor, SORTED),
        "The cursor of the last edge; pass it as `after` for the next page.",
    )


N = TypeVar("N")


@strawberry.type(description="One item of a page, with its cursor.")
class Edge(Generic[N]):
    """`Edge[Paper]` is `PaperEdge` in the schema; an edge that says more subclasses one."""

    cursor: str = planned(
        Leaf(lambda edge: edge[1].cursor(edge[0]), SORTED),
        "Pass as `after` to continue after this item, or as `before` to go back from it.",
    )
    node: N = planned(Child(lambda edge: edge[0]["node"]), "The item at this place in the list.")


@strawberry.type(
    description="A page of a list: its items in the list's order, where the page stands and how "
    "many items the list has."
)
class Connection(Generic[N]):
    """`Connection[Paper]` is `PaperConnection` in the schema; a list whose edges say more
    subclasses it and narrows `edges`."""

    edges: Sequence[Edge[N]] = planned(
        Child(lambda conn: conn.edges), "The items of this page, in order."
    )
    page_info: PageInfo = planned(Child(lambda conn: conn), "Where this page stands.")
    total_count: int = planned(Leaf(lambda conn: conn.total), "How many items the whole list has.")


#: the `edges` of a connection whose edges say more than `Edge`
EDGES = Child(lambda conn: conn.edges)
