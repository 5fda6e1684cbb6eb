"""Pages and keyset cursors: the one place that checks `first`/`after` and encodes cursors.

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
from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.settings import Settings

SortKey = list[Any]
Row = dict[str, Any]

#: longer than any cursor this API gives out (a sort key holds a name or title and an id)
MAX_CURSOR_LENGTH = 4096


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
