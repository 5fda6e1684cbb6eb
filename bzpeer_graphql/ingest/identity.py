"""The importer's merges: OpenAlex merged_ids and records sharing an ORCID, merged by the API's own
merge (`bzpeer_graphql/identity/merge.py`) and recorded as done by the user `importer`.

A pair someone kept apart (undid a merge of: `keptApart`) is not merged again by an import; a
merge refused (two records claimed by different people) leaves both records as they are. Either
way the absorbed id of such a pair stays a record of its own and its works stay on it.
"""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass, field
from typing import Any

from bzpeer_graphql.db.database import Database, Transaction
from bzpeer_graphql.identity import merge as identity

MAX_CHAIN = 20
#: OpenAlex re-issued its author ids in 2023: ids from this number up are its current records,
#: those below retired (a record under a retired id is an older copy of one of them)
OPENALEX_CURRENT = 5_000_000_000


def is_current(rid: str) -> bool:
    """Whether `rid` is a current OpenAlex author id (A5...), not a retired one (A1..., A2...)."""
    return rid[:1] == "A" and rid[1:].isdigit() and int(rid[1:]) >= OPENALEX_CURRENT


def survivor_order(rid: str, claimant: str | None) -> tuple[bool, bool, str]:
    """How records sharing an ORCID rank as survivor, first first: claimed by a user, the
    source's current record, then the smallest id."""
    return (claimant is None, not is_current(rid), rid)


@dataclass
class Settled:
    """What the merged_ids of researchers came to: the records merged now, and the redirects
    the writer follows (absorbed id -> survivor) for ids the graph does not hold."""

    merged: int = 0
    redirects: dict[str, str] = field(default_factory=dict)
    #: (survivor, absorbed) of each merge done now
    pairs: list[tuple[str, str]] = field(default_factory=list)


def flatten(pairs: Mapping[str, str]) -> dict[str, str]:
    """Each merged id straight to the end of its chain (`A->B`, `B->C` gives `A->C`, `B->C`);
    ids in a loop are left out."""
    out: dict[str, str] = {}
    for old, new in pairs.items():
        seen = {old}
        at = new
        while at in pairs and at not in seen and len(seen) < MAX_CHAIN:
            seen.add(at)
            at = pairs[at]
        if at not in seen:
            out[old] = at
    return out


async def merge_merged_ids(db: Database, pairs: Mapping[str, str], chunk: int) -> Settled:
    """Merges the records the graph holds under an absorbed id into their survivor (made from
    the absorbed record when missing), chunk by chunk, one transaction each."""
    flat = flatten(pairs)
    items = [{"old": old, "new": new} for old, new in sorted(flat.items())]
    settled = Settled()
    stay: set[str] = set()
    for start in range(0, len(items), chunk):
        part = items[start : start + chunk]

        async def work(
            tx: Transaction, part: list[dict[str, str]] = part
        ) -> tuple[list[tuple[str, str]], set[str]]:
            merged: list[tuple[str, str]] = []
            left: set[str] = set()
            for row in await tx.run("ingest/merged_ids_state", {"pairs": part}):
                old = row["old"]
                into = None if row["keptApart"] else row["survivor"]
                if into is None and not row["keptApart"]:
                    into = await _survivor(tx, old, flat[old])
                if into is None or into == old:
                    left.add(old)
                    continue
                status = await _merge(tx, into, old)
                if status == "OK":
                    merged.append((into, old))
                if status not in ("OK", "DONE"):
                    left.add(old)
            return merged, left

        merged, left = await db.write_together(work)
        settled.merged += len(merged)
        settled.pairs.extend(merged)
        stay |= left
    settled.redirects = {old: new for old, new in flat.items() if old not in stay}
    return settled


async def merge_shared_orcids(db: Database, chunk: int) -> list[tuple[str, str]]:
    """Merges live records sharing an ORCID into one: the record a user claimed, else the
    source's current record (a retired OpenAlex id is absorbed into the current one, and keeps
    resolving to it), else the smallest id; the same whatever order the records came in.
    Returns (survivor, absorbed) of each merge."""
    groups = await db.read("ingest/shared_orcids")
    merged: list[tuple[str, str]] = []
    for start in range(0, len(groups), chunk):
        part = groups[start : start + chunk]

        async def work(tx: Transaction, part: list[dict[str, Any]] = part) -> list[tuple[str, str]]:
            done: list[tuple[str, str]] = []
            for group in part:
                members = group["members"]
                survivor = min(members, key=lambda m: survivor_order(m["id"], m["claimant"]))
                for member in members:
                    apart = survivor["id"] in member["keptApart"] or (
                        member["id"] in survivor["keptApart"]
                    )
                    if member is survivor or apart:
                        continue
                    if await _merge(tx, survivor["id"], member["id"]) == "OK":
                        done.append((survivor["id"], member["id"]))
            return done

        merged += await db.write_together(work)
    return merged


async def _survivor(tx: Transaction, old: str, new: str) -> str:
    rows = await tx.run("ingest/merge_survivor", {"old": old, "new": new})
    return str(rows[0]["id"])


async def _merge(tx: Transaction, into: str, from_: str) -> str:
    """The importer's merge of `from_` into `into`; its status."""
    row = await identity.merge(tx, identity.IMPORTER, identity.new_event(), into, from_)
    return str(row["status"])
