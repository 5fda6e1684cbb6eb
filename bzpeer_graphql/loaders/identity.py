"""Loaders of author identity: absorbed ids, what a record absorbed, its history, candidates."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.loaders.base import CypherLoader, TopLoader


class ResearcherMergedIds(CypherLoader):
    """The ids a researcher absorbed, sorted."""

    query = "researcher_merged_ids"

    def value(self, key: Any, rows: list[Row]) -> list[str]:
        return list(rows[0]["ids"]) if rows else []


class ResearcherIdentityHistory(TopLoader):
    """The newest identity actions concerning a researcher; the key is (id, first)."""

    query = "researcher_identity_history"

    def value(self, key: Any, rows: list[Row]) -> list[Row]:
        return list(rows[0]["events"]) if rows else []


class ResearcherDuplicateBlock(CypherLoader):
    """The ids sharing a researcher's blocking keys or ORCID."""

    query = "researcher_duplicate_block"

    def value(self, key: Any, rows: list[Row]) -> list[str]:
        return list(rows[0]["candidates"]) if rows else []


class DuplicateBlocks(CypherLoader):
    """Every candidate pair the blocking keys and ORCIDs give; the one key is the block size cap."""

    query = "duplicate_blocks"

    def params(self, keys: Any) -> dict[str, Any]:
        return {"maxBlock": max(keys)}

    def value(self, key: Any, rows: list[Row]) -> list[tuple[str, str]]:
        pairs = {(min(a, b), max(a, b)) for a, b in rows[0]["pairs"]} if rows else set()
        return sorted(pairs)


class ResearcherIdentityFeatures(CypherLoader):
    """What duplicate scoring compares: names, ORCID, coauthors, institutions, topics, years."""

    query = "researcher_identity_features"
