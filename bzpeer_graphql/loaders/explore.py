"""Loaders for whole-graph questions."""

from __future__ import annotations

from bzpeer_graphql.loaders.base import CypherLoader


class GraphStatsLoader(CypherLoader):
    """Node counts by kind; the key is ignored (use "all")."""

    query = "graph_stats"
