"""Whole-graph fields: what the graph holds."""

from __future__ import annotations

from typing import Annotated

import strawberry
from strawberry.types import Info

from bzpeer_graphql.context import Context
from bzpeer_graphql.graph.neighbourhood import (
    NEIGHBOURHOOD,
    Depth,
    GraphSlice,
    LimitPerNode,
    MaxNodes,
    SliceKinds,
)
from bzpeer_graphql.graph.plans import planned_by
from bzpeer_graphql.loaders.explore import SLICE_DEFAULTS, GraphStatsLoader


@strawberry.type(description="How many nodes of each kind the research graph holds.")
class GraphStats:
    researchers: int = strawberry.field(description="Researchers (author records).")
    papers: int = strawberry.field(description="Papers (works).")
    topics: int = strawberry.field(description="Research topics.")
    institutions: int = strawberry.field(
        description="Institutions researchers are affiliated with."
    )


async def resolve_graph_stats(info: Info[Context, None]) -> GraphStats:
    row = await info.context.loader(GraphStatsLoader).load("all")
    return GraphStats(
        researchers=row["researchers"],
        papers=row["papers"],
        topics=row["topics"],
        institutions=row["institutions"],
    )


@strawberry.type
class ExploreQuery:
    graph_stats: GraphStats = strawberry.field(
        resolver=resolve_graph_stats, description="Node counts of the whole graph, by kind."
    )

    @planned_by(
        NEIGHBOURHOOD,
        "The slice around any node by id: nodes up to `depth` hops away (at most 3), the best "
        "`limitPerNode` neighbours of each (ranked by weight), `maxNodes` in all (at most 5000), "
        "and the edges among them; null for an unknown id.",
    )
    def neighbourhood(
        self,
        id: Annotated[
            strawberry.ID,
            strawberry.argument(
                description="The id of the center: any researcher, paper, topic or institution."
            ),
        ],
        depth: Depth = SLICE_DEFAULTS["depth"],
        kinds: SliceKinds = None,
        limit_per_node: LimitPerNode = SLICE_DEFAULTS["limitPerNode"],
        max_nodes: MaxNodes = SLICE_DEFAULTS["maxNodes"],
    ) -> GraphSlice | None: ...
