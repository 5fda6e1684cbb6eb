"""Aggregates for analysts: counts of papers by year, type and topic, computed in Cypher."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Call
from bzpeer_graphql.graph.lists import WORK_FILTER, WorkFilter
from bzpeer_graphql.graph.node import GraphInfo, Row, limit
from bzpeer_graphql.graph.pagination import FirstOfTen
from bzpeer_graphql.graph.plans import as_node, filter_options, no_args, planned, planned_by
from bzpeer_graphql.loaders.stats import PaperStatsLoader

if TYPE_CHECKING:
    from bzpeer_graphql.graph.topic import Topic

TopicType = Annotated["Topic", strawberry.lazy("bzpeer_graphql.graph.topic")]


@strawberry.type(description="How many works were published in a year.")
class YearCount:
    year: int = strawberry.field(description="The year.")
    count: int = strawberry.field(description="Works in that year (0 included).")


@strawberry.type(description="How many works are of a type.")
class TypeCount:
    type: str = strawberry.field(description="The work type, e.g. preprint or article.")
    count: int = strawberry.field(description="Works of that type.")


@strawberry.type(description="How many works are about a topic.")
class TopicCount:
    topic: TopicType = strawberry.field(description="The topic.")
    count: int = strawberry.field(description="Works about it.")
    weight: float = strawberry.field(description="Their summed topic scores.")


@strawberry.type(description="Counts of a set of works.")
class PaperStats:
    count: int = strawberry.field(description="How many works.")
    by_year: list[YearCount] = strawberry.field(
        description="Works per year, every year from the first to the last, zero years included."
    )
    by_type: list[TypeCount] = strawberry.field(description="Works per type, most first.")
    topics: strawberry.Private[list[Row]]

    @strawberry.field(description="The topic mix: works per topic, most first.")
    def by_topic(self, info: GraphInfo, first: FirstOfTen = 10) -> list[TopicCount] | None:
        return [
            TopicCount(topic=as_node(row["node"]), count=row["count"], weight=row["weight"])
            for row in self.topics[: min(limit(info, first), PaperStatsLoader.MAX_TOPICS)]
        ]


async def paper_stats(context: Any, **options: Any) -> PaperStats:
    """The stats of the works matching `options` (filter fields in camelCase)."""
    wanted = filter_options(None, WORK_FILTER)
    wanted.update(options)
    row = await context.loader(PaperStatsLoader).load(tuple(sorted(wanted.items())))
    if row is None:
        return PaperStats(count=0, by_year=[], by_type=[], topics=[])
    return PaperStats(
        count=row["count"],
        by_year=[YearCount(year=y["year"], count=y["count"]) for y in row["byYear"]],
        by_type=[TypeCount(type=t["type"], count=t["count"]) for t in row["byType"]],
        topics=row["byTopic"],
    )


def works_per_year_field(anchor: str) -> Any:
    """`worksPerYear` of a node type whose works `anchor` (a filter name, e.g. author) picks."""

    async def run(row: Row, args: Any, context: Any) -> list[YearCount]:
        return (await paper_stats(context, **{anchor: row["id"]})).by_year

    return planned(Call(run, no_args), "Works per year, every year from the first to the last.")


def paper_stats_field(anchor: str, whose: str) -> Any:
    """`paperStats` of a node type whose works `anchor` (a filter name, e.g. author) picks."""

    async def run(row: Row, args: Any, context: Any) -> PaperStats:
        return await paper_stats(context, **{anchor: row["id"]})

    return planned(Call(run, no_args), f"Counts of {whose} works by year, type and topic.")


async def _paper_stats(source: Any, given: dict[str, Any], context: Any) -> PaperStats:
    return await paper_stats(context, **filter_options(given.get("filter"), WORK_FILTER))


@strawberry.type
class StatsQuery:
    @planned_by(
        Call(_paper_stats), "Counts of the works matching `filter`: by year, type and topic."
    )
    def paper_stats(
        self,
        filter: Annotated[
            WorkFilter | None,
            strawberry.argument(
                description="Count only works matching every condition given; every work when "
                "left out."
            ),
        ] = None,
    ) -> PaperStats: ...
