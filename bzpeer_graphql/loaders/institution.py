"""Loaders of institutions and their relations."""

from __future__ import annotations

from bzpeer_graphql.loaders.base import NodeLoader, PageLoader, TopLoader


class InstitutionById(NodeLoader):
    query = "institutions_by_id"


class InstitutionMembers(PageLoader):
    """Researchers affiliated with an institution; options: current (bool or None)."""

    query = "institution_members"


class InstitutionTopics(TopLoader):
    """Topics of an institution's researchers; the key is (institution id, first)."""

    query = "institution_topics"


class InstitutionsPage(PageLoader):
    query = "institutions_page"
