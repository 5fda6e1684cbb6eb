"""Stored duplicate candidate pairs, kept exact by the writer, identity actions and migrate.

Each pair of records in one block whose names (or ORCID) are compatible is scored once and kept
as `(a)-[:DUPLICATE_CANDIDATE {score, reasons, counts, weights}]->(b)` (a's id < b's id), so
listing candidates reads an index instead of scoring at request time. A pair's score depends on
the features of both records; whatever changes a record's features marks it `:DuplicatesStale`
and rescoring a record replaces every pair it is in. A pair's evidence reaches two steps into the
collaboration graph (the coauthors of coauthors), so a change marks the coauthors too.
"""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.db.database import Database, Transaction
from bzpeer_graphql.identity.likeness import CROWD, SCORING_VERSION, comparable, likeness

#: records rescored per transaction by `refresh`
BATCH = 500
#: stale records read at once, then rescored batch by batch
ROUND = 50_000


async def rescore(tx: Transaction, ids: list[str]) -> int:
    """Replaces the stored pairs of the records `ids` with pairs scored now; returns how many."""
    if not ids:
        return 0
    blocks = await tx.run("duplicates/blocks", {"ids": ids, "crowd": CROWD})
    crowds = await _crowds(tx, [m for row in blocks for m in row["mates"] if not m["linked"]])
    wanted: set[tuple[str, str]] = set()
    crowded: set[tuple[str, str]] = set()  # a mate past the limit: paired through a coauthor
    for row in blocks:
        record = row["record"]
        if record is None:
            continue
        for mate in row["mates"]:
            if comparable(record, mate):
                pair = (min(record["id"], mate["id"]), max(record["id"], mate["id"]))
                if mate["linked"] or crowds[mate["id"]] <= CROWD:
                    wanted.add(pair)
                else:
                    crowded.add(pair)
    crowded -= wanted
    if crowded:
        shared = await tx.run("duplicates/share_coauthor", {"pairs": sorted(crowded)})
        wanted |= {(row["a"], row["b"]) for row in shared}
    keys = sorted({i for pair in wanted for i in pair})
    rows = await tx.run("duplicates/features", {"keys": keys}) if keys else []
    features: dict[str, Any] = {row["key"]: row for row in rows}
    pairs = []
    for a, b in sorted(wanted):
        alike = likeness(features[a], features[b])
        if alike is not None:
            pairs.append(
                {
                    "a": a,
                    "b": b,
                    "score": alike.score,
                    "reasons": [r.kind for r in alike.reasons],
                    "counts": [r.count for r in alike.reasons],
                    "weights": [r.weight for r in alike.reasons],
                }
            )
    params = {"ids": sorted(set(ids)), "pairs": pairs, "version": SCORING_VERSION}
    await tx.run("duplicates/store_pairs", params)
    return len(pairs)


async def _crowds(tx: Transaction, mates: list[dict[str, Any]]) -> dict[str, int]:
    """Each mate's crowd, summed as `duplicates/blocks` sums a record's: the records holding its
    key as key or other-order key, and its other-order key as key. Each key is counted once."""
    values = sorted({v for m in mates for v in (m["nameKey"], m["nameKeyAlt"]) if v})
    rows = await tx.run("duplicates/key_counts", {"values": values}) if values else []
    held = {row["value"]: (row["asKey"], row["asAlt"]) for row in rows}
    crowds = {}
    for mate in mates:
        key, alt = mate["nameKey"], mate["nameKeyAlt"]
        crowd = sum(held[key]) if key else 0
        crowds[mate["id"]] = crowd + (held[alt][0] if alt else 0)
    return crowds


async def rescore_around(tx: Transaction, ids: list[str]) -> int:
    """After an identity action moved works: rescores the records themselves now (a record no
    longer live loses its pairs) and marks stale those whose coauthors or network changed (two
    steps out); `rescore_stale` after the commit settles them."""
    around = (await tx.run("duplicates/with_coauthors", {"ids": ids}))[0]["ids"]
    await mark_stale(tx, around, [])
    return await rescore(tx, sorted(set(ids)))


async def mark_stale(tx: Transaction, researchers: list[str], papers: list[str]) -> None:
    """Marks the researchers and the papers' authors for rescoring (the writer's step)."""
    if researchers or papers:
        await tx.run("duplicates/mark_stale", {"researchers": researchers, "papers": papers})


async def refresh(db: Database) -> int:
    """Rescores every record marked stale, all of them when the pairs were scored by other rules
    (or never); returns how many records were rescored."""
    await db.write("duplicates/mark_outdated", {"version": SCORING_VERSION})
    return await rescore_stale(db)


async def rescore_stale(db: Database) -> int:
    """Rescores every record marked stale, in batches of one transaction each, taken in rounds of
    up to ROUND records read at once in name-key order."""
    done = 0
    while rows := await db.read("duplicates/stale_ids", {"limit": ROUND}):
        ids = [row["id"] for row in rows]
        for start in range(0, len(ids), BATCH):

            async def work(tx: Transaction, batch: list[str] = ids[start : start + BATCH]) -> int:
                return await rescore(tx, batch)

            await db.write_together(work)
        done += len(ids)
    return done
