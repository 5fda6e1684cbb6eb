"""Loaders of researchers and their relations."""

from __future__ import annotations

from bzpeer_graphql.loaders.base import CypherLoader, ListLoader, NodeLoader, PageLoader


class ResearcherById(NodeLoader):
    query = "researchers_by_id"


class ResearcherStats(CypherLoader):
    """Counts and the facts trust is computed from, one row per researcher."""

    query = "researcher_stats"


class ResearcherWorks(PageLoader):
    query = "researcher_works"


class ResearcherCoauthors(PageLoader):
    """Coauthors with the number of shared works; options: minShared."""

    query = "researcher_coauthors"


class ResearcherTopics(ListLoader):
    query = "researcher_topics"


class ResearcherAffiliations(ListLoader):
    query = "researcher_affiliations"


class ResearcherWorksPerYear(ListLoader):
    query = "researcher_works_per_year"


class ResearchersPage(PageLoader):
    query = "researchers_page"
