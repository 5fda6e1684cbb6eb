"""Links kept beside the papers, read off what the papers say: COAUTHOR between researchers
(the papers they share, from AUTHORED), RELATED between topics (the papers about both, from
ABOUT) and WORKS_ON from a researcher to a topic (the summed ABOUT scores of their works). Built
where a graph lacks them, and checked against the papers. And the ranked neighbours of topics
with many papers or researchers, which a neighbourhood reads instead of every link."""

from __future__ import annotations

from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.db.database import Database

#: nodes one migration transaction looks at (and builds the links of where missing)
BUILD_BATCH = 1000


@dataclass(frozen=True)
class Kept:
    """One kind of kept link: its relationship and the statements that build and check it."""

    name: str  # as `check` takes it
    relationship: str
    missing: str  # cypher/<missing>.cypher builds a page of nodes' links where missing
    differences: str  # cypher/<differences>.cypher lists where links and papers disagree
    measure: str = "shared papers"  # what the papers say of a pair
    property: str = "shared"  # where the link keeps it


COAUTHORS = Kept("coauthors", "COAUTHOR", "admin/coauthors_missing", "admin/coauthor_differences")
RELATED = Kept("related", "RELATED", "admin/related_missing", "admin/related_differences")
WORKS_ON = Kept(
    "works-on",
    "WORKS_ON",
    "admin/works_on_missing",
    "admin/works_on_differences",
    measure="summed score",
    property="score",
)
KEPT = {kept.name: kept for kept in (COAUTHORS, RELATED, WORKS_ON)}


async def build_missing(db: Database, kept: Kept = COAUTHORS, batch: int = BUILD_BATCH) -> int:
    """Builds the links of nodes that share papers with another node but have none, `batch`
    nodes per transaction in id order; returns how many got theirs."""
    built, after = 0, ""
    while True:
        [row] = await db.write(kept.missing, {"after": after, "limit": batch})
        built += int(row["built"])
        if row["last"] is None:
            return built
        after = row["last"]


@dataclass(frozen=True)
class Differences:
    """Pairs where the kept links and the papers disagree: how many, and the first few."""

    kept: Kept
    count: int
    shown: list[dict[str, Any]]

    def lines(self) -> list[str]:
        out = []
        for d in self.shown:
            recorded = ", ".join(str(s) for s in d["recorded"]) or "none"
            out.append(
                f"{d['node']} -> {d['other']}: {d['papers']} {self.kept.measure}, "
                f"{self.kept.relationship} {self.kept.property} {recorded}"
            )
        if self.count > len(self.shown):
            out.append(f"... and {self.count - len(self.shown)} more")
        return out


async def differences(db: Database, kept: Kept = COAUTHORS, limit: int = 20) -> Differences:
    """Compares every kept link of one kind with the papers its two nodes share."""
    rows = await db.read(kept.differences, {"limit": limit})
    return Differences(kept, rows[0]["differences"], rows[0]["shown"])


#: researchers one transaction recounts the WORKS_ON of, when a load ends
REFRESH_BATCH = 2000


async def refresh_works_on(
    db: Database,
    batch: int = REFRESH_BATCH,
    recounted: Callable[[list[str]], Awaitable[None]] | None = None,
) -> int:
    """Recounts the WORKS_ON of every researcher a load marked :WorksOnStale, `batch` per
    transaction; returns how many. Each is counted once, however many batches touched it.
    `recounted` is given the ids of each transaction's researchers once it has committed."""
    refreshed = 0
    while True:
        [row] = await db.write("ingest/works_on", {"researchers": None, "limit": batch})
        if not row["researchers"]:
            return refreshed
        refreshed += int(row["researchers"])
        if recounted is not None:
            await recounted(row["ids"])


#: a ranked topic keeps every paper and researcher among its RANKED best of the kind: one more
#: than a slice's largest limitPerNode (explore/neighbourhood_step reads the ranking only below
#: it, and needs the next one's weight to know which ties to keep)
RANKED = 101
#: topics one transaction ranks (each reads every link it has: thousands in a large graph)
RANK_BATCH = 20


async def rank_topics(db: Database, batch: int = RANK_BATCH) -> int:
    """Ranks the neighbours of every topic with more than RANKED papers or researchers that has
    no ranking (a graph built before topics were ranked, or a write since dropped it), `batch`
    per transaction; returns how many (cypher/ingest/rank_topics)."""
    ranked = 0
    while True:
        [row] = await db.write("ingest/rank_topics", {"keep": RANKED, "limit": batch})
        if not row["ranked"]:
            return ranked
        ranked += int(row["ranked"])


#: what `check` calls the topics' rankings
RANKINGS = "rankings"


@dataclass(frozen=True)
class RankingDifferences:
    """Topics whose ranking differs from what their links say: how many, and the first few
    (a row per topic and kind)."""

    count: int
    shown: list[dict[str, Any]]

    def lines(self) -> list[str]:
        out = [
            f"{d['topic']} {d['kind']}: lacks {', '.join(d['missing']) or 'nothing'}; "
            f"holds {', '.join(d['extra']) or 'nothing'} it should not"
            for d in self.shown
        ]
        shown = len({d["topic"] for d in self.shown})
        if self.count > shown:
            out.append(f"... and {self.count - shown} more topic(s)")
        return out


async def ranking_differences(db: Database, limit: int = 20) -> RankingDifferences:
    """Compares every topic's ranking with its links (cypher/admin/ranking_differences)."""
    [row] = await db.read("admin/ranking_differences", {"keep": RANKED, "limit": limit})
    return RankingDifferences(int(row["differences"]), row["shown"])
