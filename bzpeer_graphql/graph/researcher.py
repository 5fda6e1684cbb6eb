"""Researchers: the profile page's person, their works, coauthors, topics and trust."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Needs, Props, Row, node
from bzpeer_graphql.engine.paging import Page, page
from bzpeer_graphql.graph.collaboration import (
    CoauthorOfCoauthorConnection,
    SuggestedCollaborator,
    coauthors_of_coauthors,
    suggested_collaborators,
)
from bzpeer_graphql.graph.identity import ResearcherIdentity
from bzpeer_graphql.graph.lists import (
    ResearcherFilter,
    ResearcherOrder,
    WorkFilter,
    WorkOrder,
    YearWindow,
    researcher_filter_options,
    window_options,
    works_options,
)
from bzpeer_graphql.graph.neighbourhood import GraphSlice, NodeKind, graph_field
from bzpeer_graphql.graph.node import Node
from bzpeer_graphql.graph.pagination import EDGES, After, Before, Connection, Edge, First, Last
from bzpeer_graphql.graph.plans import (
    by_own_id,
    edge_item,
    first_of,
    get,
    item,
    list_key,
    no_args,
    node_or_none,
    page_load,
    planned,
    planned_by,
    prop,
    root_page,
    text,
)
from bzpeer_graphql.graph.researcher_figures import (
    SOURCE_FIGURES,
    ResearcherCounts,
    ResearcherSourceStats,
    Trust,
    figures_of_source,
)
from bzpeer_graphql.graph.stats import (
    PaperStats,
    YearCount,
    paper_stats_field,
    works_per_year_field,
)
from bzpeer_graphql.identity.trust import trust_from_stats
from bzpeer_graphql.loaders.researcher import (
    ResearcherAffiliations,
    ResearcherByIdOrMerged,
    ResearcherCitationIndices,
    ResearcherCoauthors,
    ResearchersPage,
    ResearcherStats,
    ResearcherTopics,
    ResearcherWorks,
)
from bzpeer_graphql.loaders.viewer import ResearcherViewerFollows
from bzpeer_graphql.settings import Settings

if TYPE_CHECKING:
    from bzpeer_graphql.graph.institution import Institution
    from bzpeer_graphql.graph.paper import Paper
    from bzpeer_graphql.graph.topic import Topic

PaperType = Annotated["Paper", strawberry.lazy("bzpeer_graphql.graph.paper")]
InstitutionType = Annotated["Institution", strawberry.lazy("bzpeer_graphql.graph.institution")]
TopicType = Annotated["Topic", strawberry.lazy("bzpeer_graphql.graph.topic")]

WorksOrderBy = Annotated[
    WorkOrder, strawberry.argument(description="The order of the works; newest first by default.")
]
WorksFilter = Annotated[
    WorkFilter | None,
    strawberry.argument(
        description="Only works matching every condition given; all when left out."
    ),
]


@strawberry.type(description="A researcher's tie to an institution.")
class Affiliation:
    institution: InstitutionType = planned(Child(lambda row: row["node"]), "The institution.")
    current: bool = planned(item("current"), "Whether it is the present affiliation.")
    since: int | None = planned(item("since"), "First year, when known.")
    until: int | None = planned(item("until"), "Last year, when known.")


@strawberry.type(description="A topic of a researcher's works, weighted by topic scores.")
class WeightedTopic:
    topic: TopicType = planned(Child(lambda row: row["node"]), "The topic.")
    works: int = planned(item("works"), "How many of the works are about it.")
    weight: float = planned(item("weight"), "Summed topic scores of those works.")


@strawberry.type(description="A coauthor with the number of works shared.")
class Collaborator:
    researcher: Researcher = planned(Child(lambda row: row["node"]), "The coauthor.")
    shared_works: int = planned(item("sharedWorks"), "Works they wrote together.")


def _current_institution(rows: list[Row], args: Any, props: Props | None) -> Row | None:
    current = [row for row in rows if row["current"]]
    return node(current[0]["node"], props) if current else None


def _affiliations(rows: list[Row], args: Any, props: Props | None) -> list[Row]:
    for row in rows:
        row["node"] = node(row["node"], props)
    return rows


def _close_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Page:
    return page(given.get("first"), None, settings, "COAUTHORS")


def _close_shape(result: Row | None, request: Page, props: Props | None) -> list[Row]:
    items = result["items"][: request.first] if result else []
    for each in items:
        each["node"] = node(each["node"], props)
    return items


async def _viewer_follows(row: Row, args: Any, context: Any) -> bool:
    viewer = context.viewer
    if viewer is None:
        return False
    follows: bool = await context.loader(ResearcherViewerFollows).load((viewer.id, row["id"]))
    return follows


_STATS = Load(ResearcherStats, no_args, by_own_id, lambda stats, args, props: stats)
_TRUST = Load(
    ResearcherStats,
    no_args,
    by_own_id,
    lambda stats, args, props: trust_from_stats(stats) if stats is not None else None,
)
_WORKS = page_load(
    "Researcher.works", ResearcherWorks, lambda given: str(given["orderBy"].name), works_options
)
_COAUTHORS = page_load(
    "Researcher.coauthors",
    ResearcherCoauthors,
    lambda given: "COAUTHORS",
    lambda given: {"minShared": max(1, given["minSharedWorks"])},
)
_CLOSE = Load(
    ResearcherCoauthors,
    _close_args,
    lambda source, request: list_key(source["id"], request, minShared=2),
    _close_shape,
)
_H_INDEX = Load(
    ResearcherCitationIndices,
    no_args,
    by_own_id,
    lambda row, args, props: row["hIndex"] if row else 0,
)
_I10_INDEX = Load(
    ResearcherCitationIndices,
    no_args,
    by_own_id,
    lambda row, args, props: row["i10Index"] if row else 0,
)
_TOPICS = Load(ResearcherTopics, first_of, by_own_id, lambda rows, first, props: rows[:first])


@strawberry.type(description="A person who authors works: the subject of a profile page.")
class Researcher(Node, ResearcherIdentity):
    name: str = planned(text("name"), "Display name.")
    name_variants: list[str] = planned(
        Leaf(lambda row: list(row.get("nameVariants") or []), prop("nameVariants")),
        "Other spellings of the name.",
    )
    headline: str | None = planned(get("headline"), "One-line description.")
    orcid: str | None = planned(get("orcid"), "ORCID iD, when known.")
    open_to_collaborate: bool = planned(
        Leaf(lambda row: bool(row.get("openToCollaborate")), prop("openToCollaborate")),
        "Whether they accept collaboration invites.",
    )
    affiliation: InstitutionType | None = planned(
        Load(ResearcherAffiliations, no_args, by_own_id, _current_institution),
        "The current institution; null when none is known.",
    )
    affiliations: list[Affiliation] = planned(
        Load(ResearcherAffiliations, no_args, by_own_id, _affiliations),
        "Every known affiliation, current first, then most recent.",
    )
    counts: ResearcherCounts = planned(
        _STATS, "Works, followers, topics, collaborators and citations."
    )
    viewer_follows: bool = planned(
        Call(_viewer_follows, no_args),
        "Whether the signed-in viewer follows them; false without one.",
    )
    trust: Trust = planned(_TRUST, "The trust snapshot: score, label, level and claim status.")
    h_index: int = planned(
        _H_INDEX,
        "The h-index in this graph: the largest h such that h of their works are each cited "
        "by at least h papers of the graph (each work once, cited as `Paper.citedByCount` "
        "counts). The source's own: `sourceStats.hIndex`.",
    )
    i10_index: int = planned(
        _I10_INDEX,
        "Their works cited by 10 or more papers of the graph. The source's own: "
        "`sourceStats.i10Index`.",
    )
    source_stats: ResearcherSourceStats | None = planned(
        Child(figures_of_source, Needs(props=frozenset({*SOURCE_FIGURES, "updatedDate"}))),
        "The author record's own counts and summary statistics as its source gave them; null "
        "when the record came with none (a record of the bzpeer format, or named only by works).",
    )

    @planned_by(_WORKS, "Published works, newest first by default.")
    def works(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        order_by: WorksOrderBy = WorkOrder.YEAR_DESC,
        filter: WorksFilter = None,
    ) -> Connection[PaperType] | None: ...

    @planned_by(_COAUTHORS, "Coauthors, most shared works first.")
    def coauthors(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        min_shared_works: Annotated[
            int,
            strawberry.argument(
                description="Only coauthors with at least this many shared works; 1 when left "
                "out (a smaller number counts as 1)."
            ),
        ] = 1,
    ) -> CoauthorConnection | None: ...

    @planned_by(_CLOSE, "Coauthors with at least 2 shared works, most shared first.")
    def close_collaborators(self, first: First = None) -> list[Collaborator] | None: ...

    coauthors_of_coauthors: CoauthorOfCoauthorConnection | None = coauthors_of_coauthors
    suggested_collaborators: list[SuggestedCollaborator] | None = suggested_collaborators

    @planned_by(_TOPICS, "Topics of their works, heaviest first.")
    def topics(self, first: First = None) -> list[WeightedTopic] | None: ...

    graph: GraphSlice | None = graph_field(NodeKind.RESEARCHER)

    works_per_year: list[YearCount] = works_per_year_field("author")
    paper_stats: PaperStats = paper_stats_field("author", "their")


@strawberry.type(description="A coauthor in a page of coauthors.")
class CoauthorEdge(Edge[Researcher]):
    shared_works: int = planned(edge_item("sharedWorks"), "Works they wrote together.")


@strawberry.type(description="A page of coauthors, most shared works first.")
class CoauthorConnection(Connection[Researcher]):
    edges: Sequence[CoauthorEdge] = planned(EDGES, "The coauthors of this page.")


_RESEARCHER = Load(
    ResearcherByIdOrMerged,
    lambda given, settings, selected: given["id"],
    lambda s, id: id,
    node_or_none,
)
_RESEARCHERS = root_page(
    "Query.researchers", "RESEARCHERS", ResearchersPage, researcher_filter_options, window_options
)


@strawberry.type
class ResearcherQuery:
    @planned_by(
        _RESEARCHER,
        "A researcher by id (an absorbed record's id gives the record that absorbed it); null "
        "when unknown.",
    )
    def researcher(
        self,
        id: Annotated[strawberry.ID, strawberry.argument(description="The researcher's id.")],
    ) -> Researcher | None: ...

    @planned_by(
        _RESEARCHERS,
        "Researchers matching `filter`, by name unless `orderBy` says otherwise.",
    )
    def researchers(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            ResearcherFilter | None,
            strawberry.argument(
                description="Only researchers matching every condition given; all when left out."
            ),
        ] = None,
        order_by: Annotated[
            ResearcherOrder,
            strawberry.argument(description="The order of the list; by name when left out."),
        ] = ResearcherOrder.NAME_ASC,
        window: Annotated[
            YearWindow | None,
            strawberry.argument(
                description="The years WORKS_IN_WINDOW_DESC counts works in; only with that order."
            ),
        ] = None,
    ) -> Connection[Researcher] | None: ...
