"""Institutions: their members and the topics they work on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from bzpeer_graphql.graph.lists import InstitutionFilter, InstitutionOrder, root_key
from bzpeer_graphql.graph.neighbourhood import GraphSlice, NodeKind, graph_field
from bzpeer_graphql.graph.node import GraphInfo, Node, Row, limit, list_key, page_of
from bzpeer_graphql.graph.pagination import (
    After,
    Connection,
    Edge,
    First,
    FirstOfTen,
    connection,
    connection_of,
)
from bzpeer_graphql.graph.stats import (
    PaperStats,
    YearCount,
    paper_stats_field,
    works_per_year_field,
)
from bzpeer_graphql.loaders.institution import (
    InstitutionById,
    InstitutionMembers,
    InstitutionsPage,
    InstitutionTopics,
)

if TYPE_CHECKING:
    from bzpeer_graphql.graph.researcher import Researcher, WeightedTopic

ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]
WeightedTopicType = Annotated["WeightedTopic", strawberry.lazy("bzpeer_graphql.graph.researcher")]


@strawberry.type(description="A researcher affiliated with an institution.")
class MemberEdge(Edge[ResearcherType]):
    current: bool = strawberry.field(description="Whether the affiliation is the present one.")
    since: int | None = strawberry.field(description="First year, when known.")
    until: int | None = strawberry.field(description="Last year, when known.")


@strawberry.type(
    description="A page of an institution's stints, by researcher name: one edge per "
    "affiliation, so a researcher with two stints there has two edges."
)
class MemberConnection(Connection[ResearcherType]):
    edges: Sequence[MemberEdge] = strawberry.field(description="The stints of this page.")
    total_count: int = strawberry.field(
        description="How many stints the whole list has (a researcher with two counts twice); "
        "`researchers(filter: {institution})` counts the people."
    )


#: which works an institution's aggregates count
_ITS_WORKS = " Its works are those counting for it by the rule of `WorkFilter.institution`."


@strawberry.type(description="A university, institute or company researchers work at.")
class Institution(Node):
    name: str = strawberry.field(description="Display name.")
    country: str | None = strawberry.field(description="ISO 3166 country code.")
    ror: str | None = strawberry.field(description="ROR id, without the resolver prefix.")

    @classmethod
    def from_row(cls, row: Row) -> Institution:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name") or "",
            country=row.get("country"),
            ror=row.get("ror"),
        )

    graph: GraphSlice | None = graph_field(NodeKind.INSTITUTION)

    @strawberry.field(
        description="Its researchers' stints (affiliations), by name: one edge per stint, so "
        "`totalCount` counts stints."
    )
    async def members(
        self,
        info: GraphInfo,
        first: First = None,
        after: After = None,
        current: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only present members; false: only past ones; every member "
                "when left out."
            ),
        ] = None,
    ) -> MemberConnection:
        from bzpeer_graphql.graph.researcher import Researcher

        request = page_of(info, first, after, "MEMBERS")
        result = await info.context.loader(InstitutionMembers).load(
            list_key(self.id, request, current=current)
        )
        return connection_of(
            MemberConnection,
            result,
            request,
            lambda item, position: MemberEdge(
                position=position,
                node=Researcher.from_row(item["node"]),
                current=item["current"],
                since=item["since"],
                until=item["until"],
            ),
        )

    @strawberry.field(
        description="Topics of the works counting for it (by the rule of "
        "`WorkFilter.institution`), heaviest first."
    )
    async def topics(self, info: GraphInfo, first: FirstOfTen = 10) -> list[WeightedTopicType]:
        from bzpeer_graphql.graph.researcher import WeightedTopic
        from bzpeer_graphql.graph.topic import Topic

        rows = await info.context.loader(InstitutionTopics).load((self.id, limit(info, first)))
        return [
            WeightedTopic(
                topic=Topic.from_row(row["node"]), works=row["works"], weight=row["weight"]
            )
            for row in rows
        ]

    works_per_year: list[YearCount] = works_per_year_field("institution", _ITS_WORKS)
    paper_stats: PaperStats = paper_stats_field("institution", "its", _ITS_WORKS)


async def resolve_institution(
    info: GraphInfo,
    id: Annotated[strawberry.ID, strawberry.argument(description="The institution's id.")],
) -> Institution | None:
    row = await info.context.loader(InstitutionById).load(id)
    return Institution.from_row(row) if row else None


async def resolve_institutions(
    info: GraphInfo,
    first: First = None,
    after: After = None,
    filter: Annotated[
        InstitutionFilter | None,
        strawberry.argument(
            description="Only institutions matching every condition given; all when left out."
        ),
    ] = None,
    order_by: Annotated[
        InstitutionOrder,
        strawberry.argument(description="The order of the list; by name when left out."),
    ] = InstitutionOrder.NAME_ASC,
) -> Connection[Institution]:
    request = page_of(info, first, after, f"INSTITUTIONS_{order_by.value}")
    key = root_key(info, request, order_by, filter or InstitutionFilter())
    result = await info.context.loader(InstitutionsPage).load(key)
    return connection(result, request, lambda item: Institution.from_row(item["node"]))


@strawberry.type
class InstitutionQuery:
    institution: Institution | None = strawberry.field(
        resolver=resolve_institution, description="An institution by id; null when unknown."
    )
    institutions: Connection[Institution] = strawberry.field(
        resolver=resolve_institutions,
        description="Institutions matching `filter`, by name unless `orderBy` says otherwise.",
    )
