"""Topics: their papers, their researchers and the topics they go with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated

import strawberry

from bzpeer_graphql.graph.lists import TopicFilter, TopicOrder, root_key
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
from bzpeer_graphql.loaders.topic import (
    TopicById,
    TopicPaperCount,
    TopicPapers,
    TopicRelated,
    TopicResearchers,
    TopicsPage,
)

if TYPE_CHECKING:
    from bzpeer_graphql.graph.paper import Paper
    from bzpeer_graphql.graph.researcher import Researcher

PaperType = Annotated["Paper", strawberry.lazy("bzpeer_graphql.graph.paper")]
ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]


@strawberry.type(description="A researcher in a page of a topic's researchers.")
class TopicResearcherEdge(Edge[ResearcherType]):
    works: int = strawberry.field(description="How many of their works are about the topic.")


@strawberry.type(description="A page of a topic's researchers, most works on it first.")
class TopicResearcherConnection(Connection[ResearcherType]):
    edges: Sequence[TopicResearcherEdge] = strawberry.field(
        description="The researchers, in order."
    )


@strawberry.type(description="A topic that shares papers with another.")
class RelatedTopic:
    topic: Topic = strawberry.field(description="The related topic.")
    shared_papers: int = strawberry.field(description="Papers about both.")


@strawberry.type(description="A level above a topic in OpenAlex's hierarchy.")
class TopicLevel:
    id: strawberry.ID = strawberry.field(description="OpenAlex's id of the level.")
    name: str | None = strawberry.field(description="Display name.")


def _level(row: Row, name: str) -> TopicLevel | None:
    level_id = row.get(f"{name}Id")
    return TopicLevel(id=strawberry.ID(level_id), name=row.get(name)) if level_id else None


@strawberry.type(description="A research topic.")
class Topic(Node):
    name: str = strawberry.field(description="Display name.")
    subfield: TopicLevel | None = strawberry.field(
        default=None, description="OpenAlex subfield (e.g. Artificial Intelligence)."
    )
    field: TopicLevel | None = strawberry.field(
        default=None, description="OpenAlex field (e.g. Computer Science)."
    )
    domain: TopicLevel | None = strawberry.field(
        default=None, description="OpenAlex domain (e.g. Physical Sciences)."
    )
    level: int | None = strawberry.field(
        default=None, description="An older OpenAlex concept's level (0 broadest)."
    )

    @classmethod
    def from_row(cls, row: Row) -> Topic:
        return cls(
            id=strawberry.ID(row["id"]),
            name=row.get("name") or "",
            subfield=_level(row, "subfield"),
            field=_level(row, "field"),
            domain=_level(row, "domain"),
            level=row.get("level"),
        )

    graph: GraphSlice | None = graph_field(NodeKind.TOPIC)

    @strawberry.field(description="How many papers are about it.")
    async def paper_count(self, info: GraphInfo) -> int:
        row = await info.context.loader(TopicPaperCount).load(self.id)
        return int(row["count"]) if row else 0

    @strawberry.field(description="Papers about it, best score first, then newest.")
    async def papers(
        self, info: GraphInfo, first: First = None, after: After = None
    ) -> Connection[PaperType]:
        from bzpeer_graphql.graph.paper import paper_connection

        request = page_of(info, first, after, "TOPIC_PAPERS")
        result = await info.context.loader(TopicPapers).load(list_key(self.id, request))
        return paper_connection(result, request)

    @strawberry.field(description="Researchers with works about it, most works first.")
    async def researchers(
        self, info: GraphInfo, first: First = None, after: After = None
    ) -> TopicResearcherConnection:
        from bzpeer_graphql.graph.researcher import Researcher

        request = page_of(info, first, after, "TOPIC_RESEARCHERS")
        result = await info.context.loader(TopicResearchers).load(list_key(self.id, request))
        return connection_of(
            TopicResearcherConnection,
            result,
            request,
            lambda item, position: TopicResearcherEdge(
                position=position, node=Researcher.from_row(item["node"]), works=item["works"]
            ),
        )

    @strawberry.field(description="Topics sharing papers with it, most shared first.")
    async def related_topics(self, info: GraphInfo, first: FirstOfTen = 10) -> list[RelatedTopic]:
        rows = await info.context.loader(TopicRelated).load((self.id, limit(info, first)))
        return [
            RelatedTopic(topic=Topic.from_row(row["node"]), shared_papers=row["sharedPapers"])
            for row in rows
        ]

    works_per_year: list[YearCount] = works_per_year_field("topic")
    paper_stats: PaperStats = paper_stats_field("topic", "its")


async def resolve_topic(
    info: GraphInfo,
    id: Annotated[strawberry.ID, strawberry.argument(description="The topic's id.")],
) -> Topic | None:
    row = await info.context.loader(TopicById).load(id)
    return Topic.from_row(row) if row else None


async def resolve_topics(
    info: GraphInfo,
    first: First = None,
    after: After = None,
    filter: Annotated[
        TopicFilter | None,
        strawberry.argument(description="Only topics matching the condition; all when left out."),
    ] = None,
    order_by: Annotated[
        TopicOrder, strawberry.argument(description="The order of the list; by name when left out.")
    ] = TopicOrder.NAME_ASC,
) -> Connection[Topic]:
    request = page_of(info, first, after, f"TOPICS_{order_by.value}")
    key = root_key(info, request, order_by, filter or TopicFilter())
    result = await info.context.loader(TopicsPage).load(key)
    return connection(result, request, lambda item: Topic.from_row(item["node"]))


@strawberry.type
class TopicQuery:
    topic: Topic | None = strawberry.field(
        resolver=resolve_topic, description="A topic by id; null when unknown."
    )
    topics: Connection[Topic] = strawberry.field(
        resolver=resolve_topics,
        description="Topics matching `filter`, by name unless `orderBy` says otherwise.",
    )
