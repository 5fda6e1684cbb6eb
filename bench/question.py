"""What a question of the mix is: its text in every contender's dialect, and how each answer is
reduced to one comparable shape."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

FLOOR_DIR = Path(__file__).parent / "floor"
Canon = Any
Data = dict[str, Any]

#: how many items a contender asks for per page while it walks to a deep page
WALK_PAGE = 100


@dataclass(frozen=True)
class FollowUp:
    """A second request the peer needs, built from the data of its first (e.g. the edges among
    the nodes it found); both answers' data are merged before they are reduced."""

    query: str
    variables: Callable[[Data], dict[str, Any]]


@dataclass(frozen=True)
class Seek:
    """A page deep into a list. The sample is the offset of the page's first item; a contender
    with cursors walks there through its own (pages of WALK_PAGE) and is timed on the page after;
    one without (`None`) is given the offset."""

    page_size: int
    floor: Callable[[Data], Any]  # the cursor after the last item of a page, from each answer
    bzpeer: Callable[[Data], Any]
    peer: Callable[[Data], Any] | None


@dataclass(frozen=True)
class Question:
    """One question of the mix, in every contender's dialect."""

    name: str
    title: str
    pool: str  # what its parameter is drawn from: "researchers", "papers" or a page offset pool
    floor_file: str
    bzpeer: str
    peer: str
    from_floor: Callable[[Data], Canon]
    from_bzpeer: Callable[[Data], Canon]
    from_peer: Callable[[Data], Canon]
    extra: tuple[tuple[str, Any], ...] = ()
    peer_then: FollowUp | None = None
    seek: Seek | None = None

    def floor_cypher(self) -> str:
        return (FLOOR_DIR / self.floor_file).read_text()

    def params(self, node_id: str, after: Any = None) -> dict[str, Any]:
        """The variables of one request: the sample's id, or for a page its cursor and offset."""
        if self.seek:
            return {"first": self.seek.page_size, "after": after, "offset": int(node_id)}
        return {"id": node_id, **dict(self.extra)}


async def walk_to(
    offset: int,
    fetch: Callable[[dict[str, Any]], Awaitable[Data]],
    end_cursor: Callable[[Data], Any],
) -> Any:
    """The cursor after item `offset` of a list, found by paging through it from the start."""
    after = None
    while offset > 0:
        step = min(WALK_PAGE, offset)
        after = end_cursor(await fetch({"first": step, "after": after}))
        offset -= step
    return after
