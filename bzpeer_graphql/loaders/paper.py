"""Loaders of papers and their relations."""

from __future__ import annotations

from bzpeer_graphql.loaders.base import CypherLoader, ListLoader, NodeLoader, PageLoader


class PaperById(NodeLoader):
    query = "papers_by_id"


class PaperAuthors(ListLoader):
    query = "paper_authors"


class PaperTopics(ListLoader):
    query = "paper_topics"


class PaperReferences(PageLoader):
    query = "paper_references"


class PaperCitedBy(PageLoader):
    query = "paper_cited_by"


class PaperCitedByCount(CypherLoader):
    query = "paper_cited_by_count"


class PapersPage(PageLoader):
    query = "papers_page"
