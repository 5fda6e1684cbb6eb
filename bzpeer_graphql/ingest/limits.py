"""Field lengths bounded at import: text past its limit is cut there, and each cut is reported.

The limits keep any one record far below the response limit (`BZPEER_MAX_RESPONSE_BYTES`), so
no stored record can make a page unanswerable. A paper's title, abstract and venue together are
at most 12,500 characters.
"""

from __future__ import annotations

from dataclasses import replace
from typing import Any

from bzpeer_graphql.ingest.records import Authorship, Paper, Record

#: kind -> text field -> most characters kept
TEXT: dict[str, dict[str, int]] = {
    "paper": {"title": 2_000, "abstract": 10_000, "venue": 500},
    "researcher": {"name": 500, "headline": 500},
    "institution": {"name": 500},
    "topic": {"name": 500},
}
#: kind -> list-of-text field -> (most entries kept, most characters of each)
LISTS: dict[str, dict[str, tuple[int, int]]] = {
    "paper": {"keywords": (100, 200)},
    "researcher": {"nameVariants": (100, 500)},
    "institution": {"nameVariants": (100, 500)},
}
#: most characters kept of one raw affiliation string of an authorship
RAW_AFFILIATION = 1_000


def bounded(record: Record) -> tuple[Record, list[str]]:
    """The record with every text field within its limit, and a message per field cut."""
    changes: dict[str, Any] = {}
    notes: list[str] = []
    label = f"{record.kind} {record.id}"
    for name, most in TEXT.get(record.kind, {}).items():
        value = getattr(record, name)
        if isinstance(value, str) and len(value) > most:
            changes[name] = value[:most]
            notes.append(f"{label}: {name} cut from {len(value):,} to {most:,} characters")
    for name, (entries, most) in LISTS.get(record.kind, {}).items():
        values: list[str] = getattr(record, name)
        cut = [v[:most] for v in values[:entries]]
        if len(values) > entries:
            notes.append(f"{label}: {name} cut from {len(values):,} to {entries:,} entries")
        if any(len(v) > most for v in values[:entries]):
            notes.append(f"{label}: {name} entries cut to {most:,} characters")
        if cut != values:
            changes[name] = cut
    if isinstance(record, Paper) and record.authorships:
        authorships = _bounded_authorships(record.authorships)
        if authorships is not None:
            changes["authorships"] = authorships
            notes.append(f"{label}: raw affiliation strings cut to {RAW_AFFILIATION:,} characters")
    return (replace(record, **changes) if changes else record), notes


def _bounded_authorships(authorships: list[Authorship]) -> list[Authorship] | None:
    """The authorships with raw affiliation strings cut, or None when none is too long."""
    if not any(len(r) > RAW_AFFILIATION for a in authorships for r in a.rawAffiliations):
        return None
    return [
        replace(a, rawAffiliations=[r[:RAW_AFFILIATION] for r in a.rawAffiliations])
        for a in authorships
    ]
