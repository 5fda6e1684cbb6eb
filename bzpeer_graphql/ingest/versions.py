"""Which version of a node wins: one rule for every kind, decided against what the graph holds.

A full record (the bzpeer format, an OpenAlex author, institution or work) replaces the node's
properties unless the stored `updatedDate` is newer; a record without a date always does. A
partial record (what a work says about its authors, institutions, topics) only advances the
node's `seenDate`, and sets its few properties only on nodes no dated full record has written.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any


def newer(date: str | None, than: str | None) -> bool:
    """Whether a version dated `date` wins over one dated `than` (ties: the later loaded)."""
    return date is None or than is None or date >= than


@dataclass(frozen=True)
class Decision:
    """What to write for one record: the properties that change (None: nothing to write)."""

    set: dict[str, Any] | None
    created: bool
    replaced: bool


def decide(
    props: dict[str, Any], date: str | None, partial: bool, stored: dict[str, Any] | None
) -> Decision:
    """The write of a record with `props` and `date` onto the node as `stored` (None: new)."""
    created = stored is None
    held = stored or {}
    if not partial:
        if not newer(date, held.get("updatedDate")):
            return Decision(None, created, False)
        return Decision({**props, "updatedDate": date}, created, True)
    seen = held.get("seenDate")
    if not newer(date, seen):
        return Decision(None, created, False)
    change: dict[str, Any] = {}
    if date != seen:
        change["seenDate"] = date
    if held.get("updatedDate") is None:
        change.update({k: v for k, v in props.items() if held.get(k) != v})
    return Decision(change if change or created else None, created, False)
