"""Aggregates for analysts: counts of papers by year, type and topic, computed in Cypher."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Call, Load
from bzpeer_graphql.graph.facets import (
    Group,
    GroupByArgument,
    GroupFirst,
    ResearcherFacet,
    group_options,
    groups_of,
)
from bzpeer_graphql.graph.lists import (
    WORK_FILTER,
    ResearcherFilter,
    WorkFilter,
    researcher_filter_options,
)
from bzpeer_graphql.graph.node import GraphInfo, Row, limit
from bzpeer_graphql.graph.pagination import FirstOfTen
from bzpeer_graphql.graph.plans import as_node, filter_options, no_args, planned, planned_by
from bzpeer_graphql.graph.work_type import WorkType, as_work_type
from bzpeer_graphql.loaders.filters import PAPER_ANCHOR_HOLDS, PAPER_ANCHORS, anchored
from bzpeer_graphql.loaders.stats import PaperStatsLoader, ResearchersStatsLoader

if TYPE_CHECKING:
    from bzpeer_graphql.graph.topic import Topic

TopicType = Annotated["Topic", strawberry.lazy("bzpeer_graphql.graph.topic")]


@strawberry.type(description="How many works were published in a year.")
class YearCount:
    year: int = strawberry.field(description="The year.")
    count: int = strawberry.field(description="Works in that year (0 included).")


@strawberry.type(description="How many works are of a type.")
class TypeCount:
    type: WorkType = strawberry.field(description="The work type.")
    count: int = strawberry.field(description="Works of that type (0 included).")


@strawberry.type(description="How many works are about a topic.")
class TopicCount:
    topic: TopicType = strawberry.field(description="The topic.")
    count: int = strawberry.field(description="Works about it.")
    weight: float = strawberry.field(description="Their summed topic scores.")


@strawberry.type(description="Counts of a set of works.")
class PaperStats:
    count: int = strawberry.field(description="How many works.")
    by_year: list[YearCount] = strawberry.field(
        description="Works per year, zero years included: every year from the filter's "
        "`yearFrom` (else the first year with a work) to its `yearTo` (else the last year with "
        "a work)."
    )
    types: strawberry.Private[list[TypeCount]]
    #: the types the filter asks for (`type`, `typeAnyOf`): listed by `byType` even with no work
    asked: strawberry.Private[list[WorkType]]
    topics: strawberry.Private[list[Row]]
    groups: list[Group] = strawberry.field(
        description="The works grouped as `paperStats(groupBy:)` asks, most first, "
        "`groupFirst` of them; empty without `groupBy` (and where the stats are a node's)."
    )

    @strawberry.field(
        description="Works per type: those of `types`, in that order, zero included; else "
        "every type with a work, most first (and the filter's `type` and `typeAnyOf`, even "
        "with none)."
    )
    def by_type(
        self,
        types: Annotated[
            list[WorkType] | None,
            strawberry.argument(description="The types to count, each listed even with no work."),
        ] = None,
    ) -> list[TypeCount]:
        if types is None:
            listed = {c.type for c in self.types}
            missing = [kind for kind in self.asked if kind not in listed]
            return self.types + [TypeCount(type=kind, count=0) for kind in missing]
        counts = {c.type: c.count for c in self.types}
        return [TypeCount(type=kind, count=counts.get(kind, 0)) for kind in types]

    @strawberry.field(description="The topic mix: works per topic, most first.")
    def by_topic(self, info: GraphInfo, first: FirstOfTen = 10) -> list[TopicCount] | None:
        return [
            TopicCount(topic=as_node(row["node"]), count=row["count"], weight=row["weight"])
            for row in self.topics[: min(limit(info, first), PaperStatsLoader.MAX_TOPICS)]
        ]


def _type_counts(rows: list[Row]) -> list[TypeCount]:
    """Per-type counts as `WorkType`s, most first; stored types outside it summed as OTHER."""
    counts: dict[WorkType, int] = {}
    for row in rows:
        kind = as_work_type(row["type"]) or WorkType.OTHER
        counts[kind] = counts.get(kind, 0) + row["count"]
    ranked = sorted(counts.items(), key=lambda item: (-item[1], item[0].value))
    return [TypeCount(type=kind, count=n) for kind, n in ranked]


def stats_key(options: dict[str, Any]) -> tuple[tuple[str, Any], ...]:
    """The `PaperStatsLoader` key of the works matching `options` (filter fields in camelCase,
    `groupBy` and `groupFirst`): every field, anchored."""
    wanted = {**filter_options(None, WORK_FILTER), **group_options(None, 0)}
    wanted.update(options)
    return tuple(sorted(anchored(wanted, PAPER_ANCHORS, PAPER_ANCHOR_HOLDS, WORK_FILTER).items()))


def stats_of(row: Row | None, key: tuple[tuple[str, Any], ...]) -> PaperStats:
    """The stats a `PaperStatsLoader` row says, for the filter of `key`."""
    wanted = dict(key)
    asked = [WorkType(kind) for kind in (wanted["type"], *(wanted["typeAnyOf"] or ())) if kind]
    asked = list(dict.fromkeys(asked))
    if row is None:
        return PaperStats(count=0, by_year=[], types=[], asked=asked, topics=[], groups=[])
    return PaperStats(
        count=row["count"],
        by_year=[YearCount(year=y["year"], count=y["count"]) for y in row["byYear"]],
        types=_type_counts(row["byType"]),
        asked=asked,
        topics=row["byTopic"],
        groups=groups_of(row["groups"]),
    )


async def paper_stats(context: Any, **options: Any) -> PaperStats:
    """The stats of the works matching `options` (filter fields in camelCase)."""
    key = stats_key(options)
    return stats_of(await context.loader(PaperStatsLoader).load(key), key)


YearArgument = Annotated[
    int | None,
    strawberry.argument(description="Count from or to this year (0 to 9999), zero years included."),
]


def works_per_year_field(anchor: str, note: str = "") -> Any:
    """`worksPerYear` of a node type whose works `anchor` (a filter name, e.g. author) picks."""

    async def run(row: Row, given: dict[str, Any], context: Any) -> list[YearCount]:
        window = {"yearFrom": given.get("yearFrom"), "yearTo": given.get("yearTo")}
        return (await paper_stats(context, **{anchor: row["id"]}, **window)).by_year

    @planned_by(
        Call(run),
        "Works per year, zero years included: every year from `yearFrom` (else the first year "
        "with a work) to `yearTo` (else the last year with a work); `yearFrom` after `yearTo` is "
        f"BAD_USER_INPUT.{note}",
    )
    def works_per_year(
        year_from: YearArgument = None, year_to: YearArgument = None
    ) -> list[YearCount]: ...

    return works_per_year


def paper_stats_field(anchor: str, whose: str, note: str = "") -> Any:
    """`paperStats` of a node type whose works `anchor` (a filter name, e.g. author) picks."""

    async def run(row: Row, args: Any, context: Any) -> PaperStats:
        return await paper_stats(context, **{anchor: row["id"]})

    return planned(Call(run, no_args), f"Counts of {whose} works by year, type and topic.{note}")


def _paper_stats_key(given: dict[str, Any], settings: Any, selected: frozenset[str]) -> Any:
    grouping = group_options(given.get("groupBy"), given["groupFirst"])
    return stats_key({**filter_options(given.get("filter"), WORK_FILTER), **grouping})


#: the root `paperStats`: one key of one loader per alias, so every alias shares a round trip
_PAPER_STATS = Load(
    PaperStatsLoader,
    _paper_stats_key,
    lambda source, key: key,
    lambda row, key, props: stats_of(row, key),
)


@strawberry.type(description="Counts of a set of researchers.")
class ResearcherStats:
    count: int = strawberry.field(description="How many researchers.")
    groups: list[Group] = strawberry.field(
        description="The researchers grouped as `researcherStats(groupBy:)` asks, most first, "
        "`groupFirst` of them; empty without `groupBy`."
    )


def _researcher_stats_key(given: dict[str, Any], settings: Any, selected: frozenset[str]) -> Any:
    grouping = group_options(given.get("groupBy"), given["groupFirst"])
    return tuple(sorted({**researcher_filter_options(given.get("filter")), **grouping}.items()))


def _researcher_stats(row: Row | None, key: Any, props: Any) -> ResearcherStats:
    if row is None:
        return ResearcherStats(count=0, groups=[])
    return ResearcherStats(count=row["count"], groups=groups_of(row["groups"]))


_RESEARCHER_STATS = Load(
    ResearchersStatsLoader, _researcher_stats_key, lambda source, key: key, _researcher_stats
)


@strawberry.type
class StatsQuery:
    @planned_by(
        _PAPER_STATS,
        "Counts of the works matching `filter`: by year, type and topic, and grouped by the "
        "facets of `groupBy` (one query however many aliases ask).",
    )
    def paper_stats(
        self,
        filter: Annotated[
            WorkFilter | None,
            strawberry.argument(
                description="Count only works matching every condition given; every work when "
                "left out. An id naming nothing, or `yearFrom` after `yearTo`, is BAD_USER_INPUT."
            ),
        ] = None,
        group_by: GroupByArgument = None,
        group_first: GroupFirst = 10,
    ) -> PaperStats: ...

    @planned_by(
        _RESEARCHER_STATS,
        "Counts of the researchers matching `filter` (the `researchers` list's), grouped by the "
        "facets of `groupBy`.",
    )
    def researcher_stats(
        self,
        filter: Annotated[
            ResearcherFilter | None,
            strawberry.argument(
                description="Count only researchers matching every condition given; everyone "
                "when left out. An id naming nothing is BAD_USER_INPUT."
            ),
        ] = None,
        group_by: Annotated[
            list[ResearcherFacet] | None,
            strawberry.argument(
                description="Group the researchers by one facet, or two for a two-way table; "
                "three facets or one twice is BAD_USER_INPUT."
            ),
        ] = None,
        group_first: GroupFirst = 10,
    ) -> ResearcherStats: ...
