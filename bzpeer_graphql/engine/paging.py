"""Pages and keyset cursors: the one place that checks `first`/`after`/`last`/`before` and
encodes cursors.

Every paginated Cypher file orders its items by a sort key `[n1, n2, s, id, edge]` (two numbers,
a string, the node's id, and a string telling apart two edges to one node; all ascending, none
null) and returns it with each item, so a key names one edge. A page is the items strictly
between `after` and `before` (`cypher/fragments/after_cursor.cypher` and `before_cursor.cypher`,
the one statement of each condition), the first `first` of them, or with `last` the last `last`
of them; so a page boundary never skips or repeats an item while the data is unchanged, in
either direction. A cursor is that key with a binding, a short hash of the list (`Type.field`),
its ordering and filter (the page's `scope`, `list_scope`) and the parent the list hangs off
(`binding`), in URL-safe base64: a cursor is valid on that list of that parent only.
"""

from __future__ import annotations

import base64
import binascii
import hashlib
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
class Cursor:
    """A decoded cursor: the sort key of the edge it names and the binding it was issued with."""

    key: tuple[Any, ...]
    binding: str


@dataclass(frozen=True)
class Page:
    """Validated paging arguments of one connection field, with the scope of its cursors."""

    #: how many items: `first`, or `last` when `backward`
    first: int
    after: Cursor | None = None
    #: what this list's cursors are bound to but for the parent (`list_scope`)
    scope: str = ""
    before: Cursor | None = None
    #: `last` was given: the page is the end of the window
    backward: bool = False

    def bounds(self) -> tuple[tuple[Any, ...] | None, tuple[Any, ...] | None]:
        """The sort keys the page lies strictly between (None: open on that side)."""
        return (
            self.after.key if self.after else None,
            self.before.key if self.before else None,
        )

    def refusal(self, bound: str) -> BadUserInput | None:
        """The error of a cursor issued for another parent, list, order or filter; None when
        every cursor given carries `bound`, this list's binding for its parent (`binding`)."""
        for name, cursor in (("after", self.after), ("before", self.before)):
            if cursor is not None and cursor.binding != bound:
                return BadUserInput(
                    f"{name} is a cursor of another list: it was given out for another parent, "
                    "list, order or filter than this field's",
                    argument=name,
                )
        return None


def list_scope(list_name: str, ordering: str, options: dict[str, Any] | None = None) -> str:
    """What a list's cursors are bound to but for the parent: its name, ordering and filter
    (the options given: a filter field left out, or a new one, changes no binding)."""
    given = {name: value for name, value in (options or {}).items() if value is not None}
    return json.dumps([list_name, ordering, given], sort_keys=True, default=str)


def binding(scope: str, parent: str) -> str:
    """The short hash a cursor of the list `scope` of `parent` carries (8 characters)."""
    digest = hashlib.blake2b(f"{scope}\0{parent}".encode(), digest_size=6).digest()
    return base64.urlsafe_b64encode(digest).decode()


def page(
    first: int | None,
    after: str | None,
    settings: Settings,
    scope: str = "",
    last: int | None = None,
    before: str | None = None,
) -> Page:
    """Checks `first`/`last` against the configured cap and decodes `after`/`before`."""
    if first is not None and last is not None:
        raise BadUserInput(
            "first and last cannot be given together: page forward with first/after or "
            "backward with last/before",
            argument="last",
        )
    name = "first" if last is None else "last"
    given = last if last is not None else first
    size = settings.default_page_size if given is None else given
    if size < 0:
        raise BadUserInput(f"{name} must not be negative (got {size})", argument=name)
    if size > settings.max_page_size:
        raise BadUserInput(
            f"{name} must be at most {settings.max_page_size} (got {size})",
            argument=name,
            max=settings.max_page_size,
        )
    return Page(
        size,
        decode_cursor(after, "after") if after else None,
        scope,
        decode_cursor(before, "before") if before else None,
        last is not None,
    )


def encode_cursor(key: SortKey, bound: str = "") -> str:
    raw = json.dumps([bound, *key], separators=(",", ":"), ensure_ascii=False)
    return base64.urlsafe_b64encode(raw.encode()).decode().rstrip("=")


def decode_cursor(cursor: str, argument: str = "after") -> Cursor:
    """A cursor's sort key and binding; BAD_USER_INPUT for anything this API did not give out."""
    refused = BadUserInput(f"{argument} is not a cursor this API gave out", argument=argument)
    if len(cursor) > MAX_CURSOR_LENGTH:
        raise refused
    try:
        padded = cursor + "=" * (-len(cursor) % 4)
        value = json.loads(base64.urlsafe_b64decode(padded.encode()).decode())
    except (ValueError, binascii.Error, UnicodeDecodeError, RecursionError):
        raise refused from None
    if not isinstance(value, list) or len(value) != 6 or not isinstance(value[0], str):
        raise refused
    first, second, *names = value[1:]
    if not (_number(first) and _number(second) and all(isinstance(n, str) for n in names)):
        raise refused
    return Cursor((first, second, *names), value[0])


def _number(value: Any) -> bool:
    """Whether a sort key's number is one Cypher can take: a finite float or a 64-bit int."""
    if isinstance(value, bool):
        return False
    if isinstance(value, int):
        return -(2**63) <= value < 2**63
    return isinstance(value, float) and math.isfinite(value)
