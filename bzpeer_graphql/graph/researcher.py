"""Researchers: the profile page's person, their works, coauthors, topics and trust."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from bzpeer_graphql.graph.collaboration import (
    CoauthorOfCoauthorConnection,
    SuggestedCollaborator,
    resolve_coauthors_of_coauthors,
    resolve_suggested_collaborators,
)
from bzpeer_graphql.graph.identity import ResearcherIdentity
from bzpeer_graphql.graph.lists import (
    ResearcherFilter,
    ResearcherOrder,
    WorkFilter,
    WorkOrder,
    filter_options,
    root_key,
)
from bzpeer_graphql.graph.neighbourhood import GraphSlice, NodeKind, graph_field
from bzpeer_graphql.graph.node import (
    GraphInfo,
    Node,
    Row,
    describe_values,
    limit,
    list_key,
    page_of,
)
from bzpeer_graphql.graph.pagination import (
    After,
    Connection,
    Edge,
    First,
    connection,
    connection_of,
)
from bzpeer_graphql.graph.stats import (
    PaperStats,
    YearCount,
    paper_stats_field,
    works_per_year_field,
)
from bzpeer_graphql.identity.trust import ClaimState, trust_from_stats
from bzpeer_graphql.loaders.researcher import (
    ResearcherAffiliations,
    ResearcherByIdOrMerged,
    ResearcherCoauthors,
    ResearchersPage,
    ResearcherStats,
    ResearcherTopics,
    ResearcherWorks,
)
from bzpeer_graphql.loaders.viewer import ResearcherViewerFollows

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

strawberry.enum(
    ClaimState,
    name="ClaimStatus",
    description="Whether a signed-in user claimed the author record.",
)
describe_values(
    ClaimState,
    UNCLAIMED="Nobody claims the record.",
    CLAIMED="A signed-in user claims it (verification level 2).",
    VERIFIED="Claimed, and the claimant's ORCID sign-in matches the record's (level 3).",
)


@strawberry.type(description="The trust snapshot of a profile (rules in the API docs).")
class Trust:
    score: int = strawberry.field(description="0-100.")
    label: str = strawberry.field(description="Unverified, Claimed or Verified.")
    verification_level: int = strawberry.field(
        description="0 no persistent id, 1 public record, 2 claimed, 3 claim verified by ORCID."
    )
    claim_status: ClaimState = strawberry.field(description="Whether the record is claimed.")


@strawberry.type(description="The numbers shown on a profile.")
class ResearcherCounts:
    works: int = strawberry.field(description="Works authored.")
    followers: int = strawberry.field(description="Users following the researcher.")
    topics: int = strawberry.field(description="Distinct topics of their works.")
    close_collaborators: int = strawberry.field(description="Coauthors with 2+ shared works.")
    coauthors: int = strawberry.field(description="Distinct coauthors.")
    citations: int = strawberry.field(description="Citations their works received.")


@strawberry.type(description="A researcher's tie to an institution.")
class Affiliation:
    institution: InstitutionType = strawberry.field(description="The institution.")
    current: bool = strawberry.field(description="Whether it is the present affiliation.")
    since: int | None = strawberry.field(description="First year, when known.")
    until: int | None = strawberry.field(description="Last year, when known.")


@strawberry.type(description="A topic of a researcher's works, weighted by topic scores.")
class WeightedTopic:
    topic: TopicType = strawberry.field(description="The topic.")
    works: int = strawberry.field(description="How many of the works are about it.")
    weight: float = strawberry.field(description="Summed topic scores of those works.")


@strawberry.type(description="A coauthor with the number of works shared.")
class Collaborator:
    researcher: Researcher = strawberry.field(description="The coauthor.")
    shared_works: int = strawberry.field(description="Works they wrote together.")


@strawberry.type(description="A person who authors works: the subject of a profile page.")
class Researcher(Node, ResearcherIdentity):
    name: str = strawberry.field(description="Display name.")
    name_variants: list[str] = strawberry.field(description="Other spellings of the name.")
    headline: str | None = strawberry.field(description="One-line description.")
    orcid: str | None = strawberry.field(description="ORCID iD, when known.")
    open_to_collaborate: bool = strawberry.field(
        description="Whether they accept collaboration invites."
    )

    @classmethod
    def from_row(cls, row: Row) -> Researcher:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name") or "",
            name_variants=list(row.get("nameVariants") or []),
            headline=row.get("headline"),
            orcid=row.get("orcid"),
            open_to_collaborate=bool(row.get("openToCollaborate")),
        )

    @strawberry.field(description="The current institution; null when none is known.")
    async def affiliation(self, info: GraphInfo) -> InstitutionType | None:
        from bzpeer_graphql.graph.institution import Institution

        rows = await info.context.loader(ResearcherAffiliations).load(self.id)
        current = [row for row in rows if row["current"]]
        return Institution.from_row(current[0]["node"]) if current else None

    @strawberry.field(description="Every known affiliation, current first, then most recent.")
    async def affiliations(self, info: GraphInfo) -> list[Affiliation]:
        from bzpeer_graphql.graph.institution import Institution

        rows = await info.context.loader(ResearcherAffiliations).load(self.id)
        return [
            Affiliation(
                institution=Institution.from_row(row["node"]),
                current=row["current"],
                since=row["since"],
                until=row["until"],
            )
            for row in rows
        ]

    @strawberry.field(description="Works, followers, topics, collaborators and citations.")
    async def counts(self, info: GraphInfo) -> ResearcherCounts:
        stats = await info.context.loader(ResearcherStats).load(self.id)
        return ResearcherCounts(
            works=stats["works"],
            followers=stats["followers"],
            topics=stats["topics"],
            close_collaborators=stats["closeCollaborators"],
            coauthors=stats["coauthors"],
            citations=stats["citations"],
        )

    @strawberry.field(description="Whether the signed-in viewer follows them; false without one.")
    async def viewer_follows(self, info: GraphInfo) -> bool:
        viewer = info.context.viewer
        if viewer is None:
            return False
        follows: bool = await info.context.loader(ResearcherViewerFollows).load(
            (viewer.id, self.id)
        )
        return follows

    @strawberry.field(description="The trust snapshot: score, label, level and claim status.")
    async def trust(self, info: GraphInfo) -> Trust:
        stats = await info.context.loader(ResearcherStats).load(self.id)
        snapshot = trust_from_stats(stats)
        return Trust(
            score=snapshot.score,
            label=snapshot.label,
            verification_level=snapshot.verification_level,
            claim_status=snapshot.claim_status,
        )

    @strawberry.field(description="Published works, newest first by default.")
    async def works(
        self,
        info: GraphInfo,
        first: First = None,
        after: After = None,
        order_by: WorksOrderBy = WorkOrder.YEAR_DESC,
        filter: WorksFilter = None,
    ) -> Connection[PaperType]:
        from bzpeer_graphql.graph.paper import paper_connection

        request = page_of(info, first, after, order_by.name)
        key = list_key(self.id, request, order=order_by, **filter_options(filter or WorkFilter()))
        result = await info.context.loader(ResearcherWorks).load(key)
        return paper_connection(result, request)

    @strawberry.field(description="Coauthors, most shared works first.")
    async def coauthors(
        self,
        info: GraphInfo,
        first: First = None,
        after: After = None,
        min_shared_works: Annotated[
            int,
            strawberry.argument(
                description="Only coauthors with at least this many shared works; 1 when left "
                "out (a smaller number counts as 1)."
            ),
        ] = 1,
    ) -> CoauthorConnection:
        request = page_of(info, first, after, "COAUTHORS")
        key = list_key(self.id, request, minShared=max(1, min_shared_works))
        result = await info.context.loader(ResearcherCoauthors).load(key)
        return connection_of(
            CoauthorConnection,
            result,
            request,
            lambda item, position: CoauthorEdge(
                position=position,
                node=Researcher.from_row(item["node"]),
                shared_works=item["sharedWorks"],
            ),
        )

    @strawberry.field(description="Coauthors with at least 2 shared works, most shared first.")
    async def close_collaborators(self, info: GraphInfo, first: First = None) -> list[Collaborator]:
        request = page_of(info, first, None, "COAUTHORS")
        result = await info.context.loader(ResearcherCoauthors).load(
            list_key(self.id, request, minShared=2)
        )
        items = result["items"][: request.first] if result else []
        return [
            Collaborator(
                researcher=Researcher.from_row(item["node"]), shared_works=item["sharedWorks"]
            )
            for item in items
        ]

    coauthors_of_coauthors: CoauthorOfCoauthorConnection = strawberry.field(
        resolver=resolve_coauthors_of_coauthors,
        description="People two coauthorship steps away (never the researcher), most distinct "
        "paths first, then the heaviest shared-work weight; `excludeDirect` leaves out those "
        "who are also direct coauthors.",
    )

    suggested_collaborators: list[SuggestedCollaborator] = strawberry.field(
        resolver=resolve_suggested_collaborators,
        description="Researchers open to collaborate who are not coauthors yet, ranked by shared "
        "topics plus common coauthors, each with those reasons.",
    )

    @strawberry.field(description="Topics of their works, heaviest first.")
    async def topics(self, info: GraphInfo, first: First = None) -> list[WeightedTopic]:
        from bzpeer_graphql.graph.topic import Topic

        rows = await info.context.loader(ResearcherTopics).load(self.id)
        return [
            WeightedTopic(
                topic=Topic.from_row(row["node"]), works=row["works"], weight=row["weight"]
            )
            for row in rows[: limit(info, first)]
        ]

    graph: GraphSlice | None = graph_field(NodeKind.RESEARCHER)

    works_per_year: list[YearCount] = works_per_year_field("author")
    paper_stats: PaperStats = paper_stats_field("author", "their")


@strawberry.type(description="A coauthor in a page of coauthors.")
class CoauthorEdge(Edge[Researcher]):
    shared_works: int = strawberry.field(description="Works they wrote together.")


@strawberry.type(description="A page of coauthors, most shared works first.")
class CoauthorConnection(Connection[Researcher]):
    edges: Sequence[CoauthorEdge] = strawberry.field(description="The coauthors of this page.")


async def resolve_researcher(
    info: GraphInfo,
    id: Annotated[strawberry.ID, strawberry.argument(description="The researcher's id.")],
) -> Researcher | None:
    row = await info.context.loader(ResearcherByIdOrMerged).load(id)
    return Researcher.from_row(row) if row else None


async def resolve_researchers(
    info: GraphInfo,
    first: First = None,
    after: After = None,
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
) -> Connection[Researcher]:
    request = page_of(info, first, after, f"RESEARCHERS_{order_by.value}")
    key = root_key(info, request, order_by, filter or ResearcherFilter())
    result = await info.context.loader(ResearchersPage).load(key)
    return connection(result, request, lambda item: Researcher.from_row(item["node"]))


@strawberry.type
class ResearcherQuery:
    researcher: Researcher | None = strawberry.field(
        resolver=resolve_researcher,
        description="A researcher by id (an absorbed record's id gives the record that absorbed "
        "it); null when unknown.",
    )
    researchers: Connection[Researcher] = strawberry.field(
        resolver=resolve_researchers,
        description="Researchers matching `filter`, by name unless `orderBy` says otherwise.",
    )
