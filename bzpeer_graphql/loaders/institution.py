"""Loaders of institutions and their relations."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.loaders.base import ListLoader, NodeLoader, PageLoader


class InstitutionById(NodeLoader):
    query = "institutions_by_id"


class InstitutionMembers(PageLoader):
    """Researchers affiliated with an institution; options: current (bool or None)."""

    query = "institution_members"


class InstitutionTopics(ListLoader):
    """Topics of an institution's researchers; the key is (institution id, first)."""

    query = "institution_topics"

    def wire_key(self, key: tuple[str, int]) -> dict[str, Any]:
        return {"id": key[0], "first": key[1]}


class InstitutionsPage(PageLoader):
    query = "institutions_page"
