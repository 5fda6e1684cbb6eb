"""Collaboration beyond direct coauthors: coauthors of coauthors, suggestions, chains."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.node import GraphInfo, Row, limit, list_key, page_of
from bzpeer_graphql.graph.pagination import After, Connection, Edge, First, connection_of
from bzpeer_graphql.loaders.explore import CollaborationPathLoader, PathKey
from bzpeer_graphql.loaders.researcher import (
    ResearcherCoauthorsOfCoauthors,
    ResearcherSuggestedCollaborators,
)

if TYPE_CHECKING:
    from bzpeer_graphql.graph.paper import Paper
    from bzpeer_graphql.graph.researcher import Researcher
    from bzpeer_graphql.graph.topic import Topic

ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]
PaperType = Annotated["Paper", strawberry.lazy("bzpeer_graphql.graph.paper")]
TopicType = Annotated["Topic", strawberry.lazy("bzpeer_graphql.graph.topic")]


def _researcher(row: Row) -> Researcher:
    from bzpeer_graphql.graph.researcher import Researcher

    return Researcher.from_row(row)


@strawberry.type(description="A direct coauthor through whom a coauthor of a coauthor is reached.")
class Link:
    coauthor: ResearcherType = strawberry.field(description="The coauthor in the middle.")
    shared_works: int = strawberry.field(
        description="Works the researcher shares with this coauthor."
    )
    their_shared_works: int = strawberry.field(
        description="Works this coauthor shares with the coauthor of a coauthor."
    )


@strawberry.type(description="A coauthor of a coauthor, with how strongly they are linked.")
class CoauthorOfCoauthorEdge(Edge[ResearcherType]):
    paths: int = strawberry.field(
        description="Distinct paths: how many direct coauthors link the two."
    )
    weight: int = strawberry.field(
        description="Shared-work weight: over all paths, the sum of each path's weaker link "
        "(the fewer of the two shared-work counts)."
    )
    direct: bool = strawberry.field(description="Whether they are also a direct coauthor.")
    via: list[Link] = strawberry.field(
        description="The linking coauthors, strongest path first, up to 5."
    )


@strawberry.type(description="A page of coauthors of coauthors, most distinct paths first.")
class CoauthorOfCoauthorConnection(Connection[ResearcherType]):
    edges: Sequence[CoauthorOfCoauthorEdge] = strawberry.field(description="This page's people.")


def _link(row: Row) -> Link:
    return Link(
        coauthor=_researcher(row["node"]),
        shared_works=row["sharedWorks"],
        their_shared_works=row["theirSharedWorks"],
    )


async def resolve_coauthors_of_coauthors(
    root: strawberry.Parent[Any],
    info: GraphInfo,
    first: First = None,
    after: After = None,
    exclude_direct: Annotated[
        bool,
        strawberry.argument(
            description="Leave out those who are also direct coauthors; false when left out."
        ),
    ] = False,
) -> CoauthorOfCoauthorConnection:
    request = page_of(info, first, after, "COAUTHORS_OF_COAUTHORS")
    key = list_key(root.id, request, excludeDirect=exclude_direct)
    result = await info.context.loader(ResearcherCoauthorsOfCoauthors).load(key)
    return connection_of(
        CoauthorOfCoauthorConnection,
        result,
        request,
        lambda item, position: CoauthorOfCoauthorEdge(
            position=position,
            node=_researcher(item["node"]),
            paths=item["paths"],
            weight=item["weight"],
            direct=item["direct"],
            via=[_link(row) for row in item["via"]],
        ),
    )


@strawberry.type(description="A researcher worth inviting, and why.")
class SuggestedCollaborator:
    researcher: ResearcherType = strawberry.field(description="The suggested researcher.")
    score: int = strawberry.field(description="Shared topics plus common coauthors.")
    shared_topics: list[TopicType] = strawberry.field(
        description="Topics both work on, the researcher's heaviest first, up to 5."
    )
    shared_topic_count: int = strawberry.field(description="How many topics both work on.")
    common_coauthors: list[ResearcherType] = strawberry.field(
        description="Coauthors of both, the researcher's closest first, up to 5."
    )
    common_coauthor_count: int = strawberry.field(description="How many coauthors both have.")


async def resolve_suggested_collaborators(
    root: strawberry.Parent[Any], info: GraphInfo, first: First = None
) -> list[SuggestedCollaborator]:
    from bzpeer_graphql.graph.topic import Topic

    rows = await info.context.loader(ResearcherSuggestedCollaborators).load(
        (root.id, limit(info, first))
    )
    items = rows[0]["items"] if rows else []
    return [
        SuggestedCollaborator(
            researcher=_researcher(item["node"]),
            score=item["score"],
            shared_topics=[Topic.from_row(row) for row in item["sharedTopics"]],
            shared_topic_count=item["sharedTopicCount"],
            common_coauthors=[_researcher(row) for row in item["commonCoauthors"]],
            common_coauthor_count=item["commonCoauthorCount"],
        )
        for item in items
    ]


@strawberry.type(description="The shortest chain of coauthorship between two researchers.")
class CollaborationPath:
    length: int = strawberry.field(description="Coauthorship steps; 0 from a researcher to self.")
    researchers: list[ResearcherType] = strawberry.field(
        description="The chain from the first researcher to the second, both included."
    )
    papers: list[PaperType] = strawberry.field(
        description="The work linking each step: papers[i] links researchers[i] and [i + 1]."
    )


async def resolve_collaboration_path(
    info: GraphInfo,
    from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="One end.")],
    to: Annotated[strawberry.ID, strawberry.argument(description="The other end.")],
    max_hops: Annotated[
        int,
        strawberry.argument(
            description=f"The longest chain to look for, 1 to {CollaborationPathLoader.MAX_HOPS}."
        ),
    ] = 6,
) -> CollaborationPath | None:
    from bzpeer_graphql.graph.paper import Paper

    if not 1 <= max_hops <= CollaborationPathLoader.MAX_HOPS:
        raise BadUserInput(
            f"maxHops must be from 1 to {CollaborationPathLoader.MAX_HOPS} (got {max_hops})",
            argument="maxHops",
        )
    row = await info.context.loader(CollaborationPathLoader).load(PathKey(str(from_), str(to)))
    if row is None or len(row["papers"]) > max_hops:
        return None
    return CollaborationPath(
        length=len(row["papers"]),
        researchers=[_researcher(node) for node in row["researchers"]],
        papers=[Paper.from_row(node) for node in row["papers"]],
    )


@strawberry.type
class CollaborationQuery:
    collaboration_path: CollaborationPath | None = strawberry.field(
        resolver=resolve_collaboration_path,
        description="The shortest chain of coauthorship between two researchers, with the "
        "paper behind each step (an Erdős number for any pair); null when either is unknown "
        "or no chain of at most `maxHops` steps exists.",
    )
