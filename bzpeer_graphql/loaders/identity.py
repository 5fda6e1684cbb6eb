"""Loaders of author identity: absorbed ids, what a record absorbed, its history, candidates."""

from __future__ import annotations

from collections.abc import Sequence
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


class ResearcherDuplicateCandidates(CypherLoader):
    """A researcher's stored candidate pairs, most likely first; the key is (id, first,
    minScore)."""

    query = "researcher_duplicate_candidates"

    def wire_key(self, key: tuple[str, int, float]) -> dict[str, Any]:
        return {"id": key[0], "first": key[1], "minScore": key[2]}

    def value(self, key: Any, rows: list[Row]) -> list[Row]:
        return list(rows[0]["candidates"]) if rows else []


class DuplicateCandidatesPage(CypherLoader):
    """A page of all stored candidate pairs; the key is (first, after, minScore)."""

    query = "duplicate_candidates_page"

    def wire_key(self, key: tuple[int, tuple[Any, ...] | None, float]) -> dict[str, Any]:
        first, after, min_score = key
        return {"first": first, "after": list(after) if after else None, "minScore": min_score}

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"limit": max(key[0] for key in keys) + 1}
