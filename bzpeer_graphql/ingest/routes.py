"""Where an id an import writes lands: an absorbed record's id on its survivor, a work split out of
a record on the record it went to. The writer walks this before each batch, so it never makes an
absorbed id again and never undoes a split.

A walk from (work, researcher id) takes, at each step, the first of: the record the id was merged
into (`MERGED_INTO`), the record the work was split out to (`SPLIT_OUT {to}` of a live record),
the source's merged_ids (settled by `ingest/identity.py`). Each id left behind is pushed on the
authorship's `origins`, as the merge and split mutations do, so an undo finds what came from
where; the merge steps right after a merged_ids step push nothing (the importer merged the id
into the live end of the chain directly). A walk that comes back to a record stops there.
"""

from __future__ import annotations

from collections.abc import Iterable, Mapping
from dataclasses import dataclass, field, replace
from typing import Any

from bzpeer_graphql.db.database import Transaction
from bzpeer_graphql.ingest.records import Affiliation, Paper, Record, Researcher
from bzpeer_graphql.ingest.versions import newer

MAX_STEPS = 20
#: (work id, or None for a record itself; researcher id)
Key = tuple[str | None, str]


@dataclass(frozen=True)
class Landing:
    """The record an id lands on and the ids it left behind on the way, first first."""

    id: str
    origins: tuple[str, ...] = ()


@dataclass
class _Walk:
    path: list[Landing]
    by_file: bool = False
    done: bool = False

    def step(self, to: str, push: bool) -> None:
        here = self.path[-1]
        for seen in self.path:
            if seen.id == to:  # back where it was: it stays there
                self.path.append(seen)
                self.done = True
                return
        self.path.append(Landing(to, (*here.origins, here.id) if push else here.origins))


async def land(
    tx: Transaction, keys: Iterable[Key], redirects: Mapping[str, str]
) -> dict[Key, Landing]:
    """The landing of each key that does not stay where it is named."""
    walks = {key: _Walk([Landing(key[1])]) for key in set(keys)}
    active = dict(walks)
    marked = bool((await tx.run("ingest/identity_marks"))[0]["marked"]) if walks else False
    for _ in range(MAX_STEPS):
        if not active:
            break
        ids = sorted({walk.path[-1].id for walk in active.values()})
        rows = await tx.run("ingest/identity_steps", {"ids": ids}) if marked else []
        found = {row["id"]: row for row in rows}
        for key, walk in list(active.items()):
            at = walk.path[-1].id
            row: dict[str, Any] = found.get(at) or {}
            split = next((s["to"] for s in row.get("splits") or [] if s["paper"] == key[0]), None)
            if row.get("merged"):
                walk.step(row["merged"], push=not walk.by_file)
            elif split:
                walk.step(split, push=True)
                walk.by_file = False
            elif at in redirects:
                walk.step(redirects[at], push=True)
                walk.by_file = True
            else:
                walk.done = True
            if walk.done:
                del active[key]
    return {key: walk.path[-1] for key, walk in walks.items() if walk.path[-1].id != key[1]}


def keys(records: Iterable[Record]) -> set[Key]:
    """The ids the records write researchers under: their own, their authors'."""
    out: set[Key] = set()
    for record in records:
        if isinstance(record, Researcher):
            out.add((None, record.id))
        elif isinstance(record, Affiliation):
            out.add((None, record.researcher))
        elif isinstance(record, Paper):
            out.update((record.id, author) for author in record.authors)
    return out


def reroute(records: list[Record], landings: Mapping[Key, Landing]) -> list[Record]:
    """Researcher and affiliation records under the id they land on; of two versions of one
    record then, the newer stays, the record's own at a tie."""
    out: dict[tuple[str, bool, str], Researcher] = {}
    others: list[Record] = []
    moved: list[Researcher] = []
    for record in records:
        if isinstance(record, Affiliation):
            landing = landings.get((None, record.researcher))
            others.append(replace(record, researcher=landing.id) if landing else record)
        elif not isinstance(record, Researcher):
            others.append(record)
        elif (None, record.id) in landings:
            moved.append(replace(record, id=landings[(None, record.id)].id))
        else:
            out[(record.kind, record.partial, record.id)] = record
    for record in moved:
        key = (record.kind, record.partial, record.id)
        held = out.get(key)
        if held is None or (
            newer(record.updatedDate, held.updatedDate)
            and not newer(held.updatedDate, record.updatedDate)
        ):
            out[key] = record
    return [*out.values(), *others]


@dataclass
class _Entry:
    position: int
    landing: Landing
    props: dict[str, Any] = field(default_factory=dict)


def reroute_paper(row: dict[str, Any], landings: Mapping[Key, Landing]) -> dict[str, Any]:
    """A paper row whose authorships land where the walks say: each with its `origins`, and
    two that land on one record made one (the first in place, the other noted in `alsoBy` and
    `alsoPositions`), as a merge leaves them."""
    entries = [
        _Entry(i + 1, landings.get((row["id"], a["id"])) or Landing(a["id"]), a["props"])
        for i, a in enumerate(row["authorships"])
    ]
    if not any(entry.landing.origins for entry in entries):
        return row
    groups: dict[str, list[_Entry]] = {}
    for entry in entries:
        groups.setdefault(entry.landing.id, []).append(entry)
    authorships: list[tuple[int, dict[str, Any]]] = []
    for id, group in groups.items():
        kept = min(group, key=lambda e: (len(e.landing.origins), e.position))
        also = [e for e in group if e is not kept and e.landing.origins]
        origins = list(kept.landing.origins)
        props = {
            **kept.props,
            "position": kept.position,
            "origins": origins or None,
            "from": origins[-1] if origins else None,
            "alsoBy": [e.landing.origins[-1] for e in also] or None,
            "alsoPositions": [e.position for e in also] or None,
        }
        authorships.append((kept.position, {"id": id, "props": props}))
    return {**row, "authorships": [a for _, a in sorted(authorships, key=lambda a: a[0])]}
