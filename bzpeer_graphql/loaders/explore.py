"""Loaders for whole-graph and neighbourhood questions."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.loaders.base import CypherLoader


class GraphStatsLoader(CypherLoader):
    """Node counts by kind; the key is ignored (use "all")."""

    query = "graph_stats"


@dataclass(frozen=True)
class StepKey:
    """One frontier node of a neighbourhood slice and what to expand it into."""

    id: str
    kind: str | None
    kinds: tuple[str, ...]
    limit: int


class NeighbourhoodStep(CypherLoader):
    """A frontier node with its best-weighted neighbours; a level of a slice is one batch."""

    query = "neighbourhood_step"
    folder = "explore"

    def wire_key(self, key: StepKey) -> dict[str, Any]:
        return {"id": key.id, "kind": key.kind, "kinds": list(key.kinds), "limit": key.limit}


@dataclass(frozen=True)
class SliceNodes:
    """The ids of a slice's nodes, by kind (the key of its edges)."""

    researchers: tuple[str, ...] = ()
    papers: tuple[str, ...] = ()
    topics: tuple[str, ...] = ()
    institutions: tuple[str, ...] = ()


class NeighbourhoodEdges(CypherLoader):
    """Every edge among a slice's nodes; the edges of all slices of a request are one batch."""

    query = "neighbourhood_edges"
    folder = "explore"

    def wire_key(self, key: SliceNodes) -> dict[str, Any]:
        return {
            "researchers": list(key.researchers),
            "papers": list(key.papers),
            "topics": list(key.topics),
            "institutions": list(key.institutions),
        }

    def value(self, key: Any, rows: list[Row]) -> Any:
        return rows[0]["edges"] if rows else []


@dataclass(frozen=True)
class PathKey:
    """Two researchers to link by coauthorship."""

    start: str
    end: str


class CollaborationPathLoader(CypherLoader):
    """The shortest coauthorship chain between two researchers (at most `MAX_HOPS` steps)."""

    query = "collaboration_path"
    folder = "explore"
    #: the longest chain any request may ask for; the Cypher file's bound is twice this
    MAX_HOPS = 8

    def wire_key(self, key: PathKey) -> dict[str, Any]:
        return {"from": key.start, "to": key.end}
