"""Loaders of aggregates over papers."""

from __future__ import annotations

from collections.abc import Sequence
from typing import Any

from bzpeer_graphql.loaders.filters import FilteredLoader


class PaperStatsLoader(FilteredLoader):
    """Counts of the papers matching a filter; the key is the filter as sorted (name, value)s."""

    query = "paper_stats"
    #: the most topics `byTopic` can return
    MAX_TOPICS = 100

    def wire_key(self, key: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
        return dict(key)

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"topics": self.MAX_TOPICS}


class ResearchersStatsLoader(FilteredLoader):
    """Counts of the researchers matching a filter, grouped; the key is the filter and grouping
    as sorted (name, value)s."""

    query = "researchers_stats"

    def wire_key(self, key: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
        return dict(key)


#: the characters a sample's hash reads ids by (any other counts as one more)
ID_ALPHABET = "0123456789abcdefghijklmnopqrstuvwxyzABCDEFGHIJKLMNOPQRSTUVWXYZ-_.:/"


class SampleLoader(FilteredLoader):
    """A seeded sample of a list root; the key is the filter, size and seed as sorted
    (name, value)s; the value the row of items."""

    projects = True

    def wire_key(self, key: tuple[tuple[str, Any], ...]) -> dict[str, Any]:
        return dict(key)

    def params(self, keys: Sequence[Any]) -> dict[str, Any]:
        return {"alphabet": ID_ALPHABET}


class PapersSample(SampleLoader):
    query = "papers_sample"


class ResearchersSample(SampleLoader):
    query = "researchers_sample"
