"""Loading any node kind by id."""

from __future__ import annotations

from bzpeer_graphql.loaders.base import CypherLoader


class NodeById(CypherLoader):
    """Rows with `kind` and `node`, or None for an unknown id."""

    query = "nodes_by_id"
