"""Loaders of papers and their relations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.loaders.base import CypherLoader, ListLoader, NodeLoader, PageLoader
from bzpeer_graphql.loaders.filters import FilteredLoader


class PaperById(NodeLoader):
    query = "papers_by_id"
    projects = True

    def value(self, key: Any, rows: list[Row]) -> Any:
        """The node map; projected (`want.props` given), the row with its citation count."""
        if not rows:
            return None
        return rows[0]["node"] if self.want.props is None else rows[0]


class PaperAuthors(ListLoader):
    """The authors of papers; the rows' `authorship` only for `PaperAuthorships`."""

    query = "paper_authors"
    projects = True

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"authorship": False}


class PaperAuthorships(PaperAuthors):
    """The authors of papers with what each paper says of each (`authorship`: the AUTHORED
    properties), which the author lists alone do not send over the wire."""

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"authorship": True}


class PaperTopics(ListLoader):
    query = "paper_topics"


class PaperReferences(PageLoader):
    query = "paper_references"
    projects = True


class PaperCitedBy(PageLoader):
    query = "paper_cited_by"
    projects = True


class PaperCitedByCount(CypherLoader):
    query = "paper_cited_by_count"


class PapersPage(FilteredLoader, PageLoader):
    query = "papers_page"
    projects = True
