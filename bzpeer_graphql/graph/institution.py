"""Institutions: their members and the topics they work on."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from bzpeer_graphql.engine.fields import Leaf, Load
from bzpeer_graphql.graph.lists import InstitutionFilter, InstitutionOrder
from bzpeer_graphql.graph.neighbourhood import GraphSlice, NodeKind, graph_field
from bzpeer_graphql.graph.node import Node
from bzpeer_graphql.graph.pagination import (
    EDGES,
    After,
    Before,
    Connection,
    Edge,
    First,
    FirstOfTen,
    Last,
)
from bzpeer_graphql.graph.plans import (
    edge_item,
    first_of,
    get,
    input_names,
    node_or_none,
    page_load,
    planned,
    planned_by,
    root_page,
    text,
    top,
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
    current: bool = planned(edge_item("current"), "Whether the affiliation is the present one.")
    since: int | None = planned(edge_item("since"), "First year, when known.")
    until: int | None = planned(edge_item("until"), "Last year, when known.")


@strawberry.type(
    description="A page of an institution's stints, by researcher name: one edge per "
    "affiliation, so a researcher with two stints there has two edges."
)
class MemberConnection(Connection[ResearcherType]):
    edges: Sequence[MemberEdge] = planned(EDGES, "The stints of this page.")
    total_count: int = planned(
        Leaf(lambda conn: conn.total),
        "How many stints the whole list has (a researcher with two counts twice); "
        "`researchers(filter: {institution})` counts the people.",
    )


#: which works an institution's aggregates count
_ITS_WORKS = " Its works are those counting for it by the rule of `WorkFilter.institution`."


@strawberry.type(description="A university, institute or company researchers work at.")
class Institution(Node):
    name: str = planned(text("name"), "Display name.")
    country: str | None = planned(get("country"), "ISO 3166 country code.")
    ror: str | None = planned(get("ror"), "ROR id, without the resolver prefix.")

    graph: GraphSlice | None = graph_field(NodeKind.INSTITUTION)

    @planned_by(
        page_load(
            "Institution.members",
            InstitutionMembers,
            lambda given: "MEMBERS",
            lambda given: {"current": given.get("current")},
        ),
        "Its researchers' stints (affiliations), by name: one edge per stint, so `totalCount` "
        "counts stints.",
    )
    def members(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        current: Annotated[
            bool | None,
            strawberry.argument(
                description="true: only present members; false: only past ones; every member "
                "when left out."
            ),
        ] = None,
    ) -> MemberConnection | None: ...

    @planned_by(
        Load(InstitutionTopics, first_of, top, lambda rows, first, props: rows),
        "Topics of the works counting for it (by the rule of `WorkFilter.institution`), "
        "heaviest first.",
    )
    def topics(self, first: FirstOfTen = 10) -> list[WeightedTopicType] | None: ...

    works_per_year: list[YearCount] = works_per_year_field("institution", _ITS_WORKS)
    paper_stats: PaperStats = paper_stats_field("institution", "its", _ITS_WORKS)


@strawberry.type
class InstitutionQuery:
    @planned_by(
        Load(
            InstitutionById,
            lambda given, settings, selected: given["id"],
            lambda s, id: id,
            node_or_none,
        ),
        "An institution by id; null when unknown.",
    )
    def institution(
        self,
        id: Annotated[strawberry.ID, strawberry.argument(description="The institution's id.")],
    ) -> Institution | None: ...

    @planned_by(
        root_page(
            "Query.institutions", "INSTITUTIONS", InstitutionsPage, input_names(InstitutionFilter)
        ),
        "Institutions matching `filter`, by name unless `orderBy` says otherwise.",
    )
    def institutions(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
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
    ) -> Connection[Institution] | None: ...
