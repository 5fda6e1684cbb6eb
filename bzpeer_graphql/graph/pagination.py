"""The one place that builds connections and keyset cursors.

Every paginated Cypher file orders its items by a sort key `[n1, n2, s, id, edge]` (two numbers,
a string, the node's id, and a string telling apart two edges to one node; all ascending, none
null) and returns it with each item, so a key names one edge. A cursor is that key, tagged
with the list (`Type.field`) and the ordering it belongs to (`list_tag`), in URL-safe base64;
the page request (`Page`) carries that tag from where its arguments are checked. The next page
starts strictly after the cursor (`cypher/fragments/after_cursor.cypher`, the one statement of
that condition), so a page boundary never skips or repeats an item while the data is unchanged.
"""

from __future__ import annotations

import base64
import binascii
import json
import math
from collections.abc import Callable, Sequence
from dataclasses import dataclass
from typing import Annotated, Any, Generic, TypeVar

import strawberry

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.settings import Settings

SortKey = list[Any]
Row = dict[str, Any]

#: longer than any cursor this API gives out (a sort key holds a name or title and an id)
MAX_CURSOR_LENGTH = 4096

_CAP = (
    "at most the server's maximum page size (100 unless configured); more, or a negative "
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
        "`pageInfo.endCursor` from the same list in the same order; a cursor of another list "
        "or order is BAD_USER_INPUT. From the start when left out."
    ),
]


@dataclass(frozen=True)
class Page:
    """Validated `first`/`after` of one connection field, with the tag of its cursors."""

    first: int
    after: tuple[Any, ...] | None
    #: what this list's cursors are tagged with (`list_tag`): they are valid only here
    tag: str = ""

    def admits(self, key: SortKey) -> bool:
        """Whether an item with sort key `key` belongs on this page: strictly after the cursor."""
        return self.after is None or tuple(key) > self.after


def list_tag(list_name: str, ordering: str) -> str:
    """What a cursor is tagged with: its list and its ordering (`Paper.citedBy:CITATIONS`)."""
    return f"{list_name}:{ordering}" if list_name else ordering


def page(first: int | None, after: str | None, settings: Settings, tag: str = "") -> Page:
    """Checks `first` against the configured cap and decodes `after` (a cursor tagged `tag`)."""
    size = settings.default_page_size if first is None else first
    if size < 0:
        raise BadUserInput(f"first must not be negative (got {size})", argument="first")
    if size > settings.max_page_size:
        raise BadUserInput(
            f"first must be at most {settings.max_page_size} (got {size})",
            argument="first",
            max=settings.max_page_size,
        )
    return Page(size, decode_cursor(after, tag) if after else None, tag)


def encode_cursor(key: SortKey, tag: str = "") -> str:
    raw = json.dumps([tag, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, tag: str = "") -> tuple[Any, ...]:
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise BadUserInput("after is not a cursor this API gave out", argument="after")
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise BadUserInput("after is not a cursor this API gave out", argument="after") from None
    if not isinstance(value, list) or len(value) != 6 or value[0] != tag:
        raise BadUserInput("after is a cursor of another list or ordering", argument="after")
    first, second, *names = value[1:]
    if not (_number(first) and _number(second) and all(isinstance(n, str) for n in names)):
        raise BadUserInput("after is not a cursor this API gave out", argument="after")
    return first, second, *names


def _number(value: Any) -> bool:
    """Whether a sort key's number is one Cypher can take: a finite float or a 64-bit int."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    return isinstance(value, float) and math.isfinite(value)


@strawberry.type(description="Where a page of a connection stands in the whole list.")
class PageInfo:
    has_next_page: bool = strawberry.field(description="Whether items follow this page.")
    has_previous_page: bool = strawberry.field(
        description="Whether items precede this page (true when `after` was given)."
    )
    start_cursor: str | None = strawberry.field(description="The cursor of the first edge.")
    end_cursor: str | None = strawberry.field(
        description="The cursor of the last edge; pass it as `after` for the next page."
    )


@dataclass(frozen=True)
class Position:
    """Where an item stands in its list: its sort key, under one cursor tag."""

    key: tuple[Any, ...]
    tag: str

    def cursor(self) -> str:
        return encode_cursor(list(self.key), self.tag)


N = TypeVar("N")


def _cursor(root: Edge[Any]) -> str:
    """Encoded only when asked for: most queries never read edge cursors."""
    return root.position.cursor()


@strawberry.type(description="One item of a page, with its cursor.")
class Edge(Generic[N]):
    """`Edge[Paper]` is `PaperEdge` in the schema; an edge that says more subclasses one."""

    position: strawberry.Private[Position]
    cursor: str = strawberry.field(
        resolver=_cursor, description="Pass as `after` to continue after this item."
    )
    node: N = strawberry.field(description="The item at this place in the list.")


@strawberry.type(
    description="A page of a list: its items in the list's order, where the page stands and how "
    "many items the list has."
)
class Connection(Generic[N]):
    """`Connection[Paper]` is `PaperConnection` in the schema; a list whose edges say more
    subclasses it and narrows `edges`."""

    edges: Sequence[Edge[N]] = strawberry.field(description="The items of this page, in order.")
    page_info: PageInfo = strawberry.field(description="Where this page stands.")
    total_count: int = strawberry.field(description="How many items the whole list has.")


C = TypeVar("C", bound=Connection[Any])


def connection(result: Row | None, request: Page, node: Callable[[Row], N]) -> Connection[N]:
    """A page whose edges carry the item alone, from a page loader's result."""
    return connection_of(
        Connection, result, request, lambda item, position: Edge(position=position, node=node(item))
    )


def connection_of(
    kind: type[C],
    result: Row | None,
    request: Page,
    edge: Callable[[Row, Position], Edge[Any]],
) -> C:
    """A page of `kind` with edges made by `edge(item, position)`, from a page loader's result.

    `result` has `total` and `items` (each with `sort`), at most `first + 1` of them.
    """
    items = result["items"] if result else []
    total = result["total"] if result else 0
    has_next = len(items) > request.first
    items = items[: request.first]
    positions = [Position(tuple(item["sort"]), request.tag) for item in items]
    info = PageInfo(
        has_next_page=has_next,
        has_previous_page=request.after is not None,
        start_cursor=positions[0].cursor() if positions else None,
        end_cursor=positions[-1].cursor() if positions else None,
    )
    edges = [edge(item, position) for item, position in zip(items, positions, strict=True)]
    return kind(edges=edges, page_info=info, total_count=total)
