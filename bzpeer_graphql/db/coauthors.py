"""COAUTHOR kept beside AUTHORED: built where a graph lacks it, and checked against the papers."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.db.database import Database

#: researchers whose COAUTHOR one migration transaction builds
BUILD_BATCH = 1000


async def build_missing(db: Database) -> int:
    """Builds COAUTHOR for researchers who share papers but have none; returns how many."""
    built = 0
    while count := (await db.write("admin/coauthors_missing", {"limit": BUILD_BATCH}))[0][
        "researchers"
    ]:
        built += count
    return built


@dataclass(frozen=True)
class Differences:
    """Pairs where COAUTHOR and the papers disagree: how many, and the first few."""

    count: int
    shown: list[dict[str, Any]]

    def lines(self) -> list[str]:
        out = []
        for d in self.shown:
            recorded = ", ".join(str(s) for s in d["recorded"]) or "none"
            out.append(
                f"{d['researcher']} -> {d['coauthor']}: {d['papers']} shared papers, "
                f"COAUTHOR shared {recorded}"
            )
        if self.count > len(self.shown):
            out.append(f"... and {self.count - len(self.shown)} more")
        return out


async def differences(db: Database, limit: int = 20) -> Differences:
    """Compares every COAUTHOR with the papers its two researchers share."""
    rows = await db.read("admin/coauthor_differences", {"limit": limit})
    return Differences(rows[0]["differences"], rows[0]["shown"])
