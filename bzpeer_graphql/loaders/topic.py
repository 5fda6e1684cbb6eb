"""Loaders of topics and their relations."""

from __future__ import annotations

from bzpeer_graphql.loaders.base import CypherLoader, NodeLoader, PageLoader, TopLoader


class TopicById(NodeLoader):
    query = "topics_by_id"


class TopicPapers(PageLoader):
    query = "topic_papers"


class TopicResearchers(PageLoader):
    query = "topic_researchers"


class TopicRelated(TopLoader):
    """Related topics; the key is (topic id, first)."""

    query = "topic_related"


class TopicPaperCount(CypherLoader):
    query = "topic_paper_count"


class TopicsPage(PageLoader):
    query = "topics_page"
