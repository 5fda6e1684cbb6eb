"""Loaders for whole-graph and neighbourhood questions."""

from __future__ import annotations

from collections.abc import Sequence
from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.db.bundle import Derived
from bzpeer_graphql.db.database import Row
from bzpeer_graphql.loaders.base import CypherLoader

#: a slice's arguments when left out, and their largest values (a larger one is BAD_USER_INPUT):
#: the schema's and the cost rule's one source
SLICE_DEFAULTS = {"depth": 1, "limitPerNode": 25, "maxNodes": 500}
SLICE_BOUNDS = {"depth": 3, "limitPerNode": 100, "maxNodes": 5000}


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


#: the next level's keys of a two-level step: every neighbour of the first level's rows
_NEIGHBOURS = Derived(0, items=False, projected=False, templated=True, neighbours=True)


class NeighbourhoodTwoSteps(NeighbourhoodStep):
    """A level of a slice and the next one in one round trip: each frontier node's row, with
    the rows of every neighbour the level brings, expanded as that node was (by its step key),
    which the slice takes for its next level instead of asking again."""

    async def batch_load_fn(self, keys: Sequence[StepKey]) -> list[Any]:
        wire, params = self.request(keys)
        templates = [
            {"id": None, "kind": None, "kinds": list(kinds), "limit": limit}
            for kinds, limit in dict.fromkeys((key.kinds, key.limit) for key in keys)
        ]
        (rows, _, _), (next_rows, _, _) = await self.scope.db.read_together(
            [(self.name, params, None), (self.name, {"templates": templates}, _NEIGHBOURS)],
            self.scope.trips,
            self.scope.bookmarks,
        )
        self.scope.trips.batches.append((self.query, len(next_rows)))
        ahead = {_step_key(row["key"]): row for row in next_rows}
        return [(row, ahead) for row in self.answer(keys, wire, rows)]


def _step_key(wire: dict[str, Any]) -> StepKey:
    return StepKey(wire["id"], wire["kind"], tuple(wire["kinds"]), wire["limit"])


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
