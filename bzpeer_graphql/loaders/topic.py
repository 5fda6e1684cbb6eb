"""Loaders of topics and their relations."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.loaders.base import CypherLoader, ListLoader, NodeLoader, PageLoader


class TopicById(NodeLoader):
    query = "topics_by_id"


class TopicPapers(PageLoader):
    query = "topic_papers"


class TopicResearchers(PageLoader):
    query = "topic_researchers"


class TopicRelated(ListLoader):
    """Related topics; the key is (topic id, first)."""

    query = "topic_related"

    def wire_key(self, key: tuple[str, int]) -> dict[str, Any]:
        return {"id": key[0], "first": key[1]}


class TopicPaperCount(CypherLoader):
    query = "topic_paper_count"


class TopicsPage(PageLoader):
    query = "topics_page"
