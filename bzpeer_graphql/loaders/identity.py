"""Loaders of author identity: absorbed ids, what a record absorbed, its history, candidates."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.loaders.base import CypherLoader, PageLoader, TopLoader


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


class DuplicateCandidatesPage(PageLoader):
    """A page of all stored candidate pairs; the key's id is "all", its option `minScore`."""

    query = "duplicate_candidates_page"
