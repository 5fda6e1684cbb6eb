"""Collaboration beyond direct coauthors: coauthors of coauthors, suggestions, chains."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Row
from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.pagination import EDGES, After, Before, Connection, Edge, First, Last
from bzpeer_graphql.graph.plans import (
    edge_item,
    first_of,
    item,
    page_load,
    planned,
    planned_by,
    top,
)
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


@strawberry.type(description="A direct coauthor through whom a coauthor of a coauthor is reached.")
class Link:
    coauthor: ResearcherType = planned(
        Child(lambda row: row["node"]), "The coauthor in the middle."
    )
    shared_works: int = planned(
        item("sharedWorks"), "Works the researcher shares with this coauthor."
    )
    their_shared_works: int = planned(
        item("theirSharedWorks"), "Works this coauthor shares with the coauthor of a coauthor."
    )


@strawberry.type(description="A coauthor of a coauthor, with how strongly they are linked.")
class CoauthorOfCoauthorEdge(Edge[ResearcherType]):
    paths: int = planned(
        edge_item("paths"), "Distinct paths: how many direct coauthors link the two."
    )
    weight: int = planned(
        edge_item("weight"),
        "Shared-work weight: over all paths, the sum of each path's weaker link (the fewer of "
        "the two shared-work counts).",
    )
    direct: bool = planned(edge_item("direct"), "Whether they are also a direct coauthor.")
    via: list[Link] = planned(
        Child(lambda edge: edge[0]["via"]),
        "The linking coauthors, strongest path first, up to 5.",
    )


@strawberry.type(description="A page of coauthors of coauthors, most distinct paths first.")
class CoauthorOfCoauthorConnection(Connection[ResearcherType]):
    edges: Sequence[CoauthorOfCoauthorEdge] = planned(EDGES, "This page's people.")


@planned_by(
    page_load(
        "Researcher.coauthorsOfCoauthors",
        ResearcherCoauthorsOfCoauthors,
        lambda given: "COAUTHORS_OF_COAUTHORS",
        lambda given: {"excludeDirect": given["excludeDirect"]},
    ),
    "People two coauthorship steps away (never the researcher), most distinct paths first, "
    "then the heaviest shared-work weight; `excludeDirect` leaves out those who are also "
    "direct coauthors.",
)
def coauthors_of_coauthors(
    first: First = None,
    after: After = None,
    last: Last = None,
    before: Before = None,
    exclude_direct: Annotated[
        bool,
        strawberry.argument(
            description="Leave out those who are also direct coauthors; false when left out."
        ),
    ] = False,
) -> CoauthorOfCoauthorConnection | None: ...


@strawberry.type(description="A researcher worth inviting, and why.")
class SuggestedCollaborator:
    researcher: ResearcherType = planned(
        Child(lambda row: row["node"]), "The suggested researcher."
    )
    score: int = planned(item("score"), "Shared topics plus common coauthors.")
    shared_topics: list[TopicType] = planned(
        Child(lambda row: row["sharedTopics"]),
        "Topics both work on, the researcher's heaviest first, up to 5.",
    )
    shared_topic_count: int = planned(item("sharedTopicCount"), "How many topics both work on.")
    common_coauthors: list[ResearcherType] = planned(
        Child(lambda row: row["commonCoauthors"]),
        "Coauthors of both, the researcher's closest first, up to 5.",
    )
    common_coauthor_count: int = planned(
        item("commonCoauthorCount"), "How many coauthors both have."
    )


@planned_by(
    Load(
        ResearcherSuggestedCollaborators,
        first_of,
        top,
        lambda rows, first, props: rows[0]["items"] if rows else [],
    ),
    "Researchers open to collaborate who are not coauthors yet, ranked by shared topics plus "
    "common coauthors, each with those reasons.",
)
def suggested_collaborators(first: First = None) -> list[SuggestedCollaborator] | None: ...


@strawberry.type(description="The shortest chain of coauthorship between two researchers.")
class CollaborationPath:
    length: int = planned(
        Leaf(lambda row: len(row["papers"])), "Coauthorship steps; 0 from a researcher to self."
    )
    researchers: list[ResearcherType] = planned(
        Child(lambda row: row["researchers"]),
        "The chain from the first researcher to the second, both included.",
    )
    papers: list[PaperType] = planned(
        Child(lambda row: row["papers"]),
        "The work linking each step: papers[i] links researchers[i] and [i + 1].",
    )


async def _collaboration_path(source: Any, given: dict[str, Any], context: Any) -> Row | None:
    max_hops = given["maxHops"]
    if not 1 <= max_hops <= CollaborationPathLoader.MAX_HOPS:
        raise BadUserInput(
            f"maxHops must be from 1 to {CollaborationPathLoader.MAX_HOPS} (got {max_hops})",
            argument="maxHops",
        )
    key = PathKey(str(given["from"]), str(given["to"]))
    row: Row | None = await context.loader(CollaborationPathLoader).load(key)
    if row is None or len(row["papers"]) > max_hops:
        return None
    return row


@strawberry.type
class CollaborationQuery:
    @planned_by(
        Call(_collaboration_path),
        "The shortest chain of coauthorship between two researchers, with the paper behind "
        "each step (an Erdős number for any pair); null when either is unknown or no chain of "
        "at most `maxHops` steps exists.",
    )
    def collaboration_path(
        self,
        from_: Annotated[strawberry.ID, strawberry.argument(name="from", description="One end.")],
        to: Annotated[strawberry.ID, strawberry.argument(description="The other end.")],
        max_hops: Annotated[
            int,
            strawberry.argument(
                description="The longest chain to look for, 1 to "
                f"{CollaborationPathLoader.MAX_HOPS}."
            ),
        ] = 6,
    ) -> CollaborationPath | None: ...
