"""Loaders of researchers and their relations."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bzpeer_graphql.loaders.base import (
    CypherLoader,
    ListLoader,
    NodeLoader,
    PageLoader,
    TopLoader,
)
from bzpeer_graphql.loaders.filters import FilteredLoader


class ResearcherById(NodeLoader):
    query = "researchers_by_id"
    projects = True


class ResearcherByIdOrMerged(NodeLoader):
    """A researcher by id; an absorbed record's id loads the record that absorbed it."""

    query = "researchers_by_id_or_merged"
    projects = True


class ResearcherStats(CypherLoader):
    """Counts and the facts trust is computed from, one row per researcher."""

    query = "researcher_stats"


class ResearcherCitationIndices(CypherLoader):
    """The h-index and i10-index of researchers from the graph's citations."""

    query = "researcher_citation_indices"


class ResearcherWorks(FilteredLoader, PageLoader):
    query = "researcher_works"
    projects = True


class ResearcherCoauthors(PageLoader):
    """Coauthors with the number of shared works; options: minShared."""

    query = "researcher_coauthors"
    projects = True


class ResearcherCoauthorsOfCoauthors(PageLoader):
    """People two coauthorship steps away, ranked by distinct paths; options: excludeDirect."""

    query = "researcher_coauthors_of_coauthors"


class ResearcherSuggestedCollaborators(TopLoader):
    """Researchers to invite, with the reasons; the key is (researcher id, first)."""

    query = "researcher_suggested_collaborators"
    #: how many of each topic's highest-scored papers lend their authors as candidates
    per_topic = 200

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"perTopic": self.per_topic}


class ResearcherTopics(ListLoader):
    query = "researcher_topics"


class ResearcherAffiliations(ListLoader):
    query = "researcher_affiliations"
    projects = True


class ResearchersPage(FilteredLoader, PageLoader):
    query = "researchers_page"
    projects = True
