"""Whole-graph fields: what the graph holds."""

from __future__ import annotations

import strawberry
from strawberry.types import Info

from bzpeer_graphql.context import Context
from bzpeer_graphql.loaders.explore import GraphStatsLoader


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
