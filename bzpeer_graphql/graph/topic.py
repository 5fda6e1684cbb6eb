"""Topics: their papers, their researchers and the topics they go with."""

from __future__ import annotations

from collections.abc import Sequence
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Child, Load, Needs, Row
from bzpeer_graphql.graph.lists import TopicFilter, TopicOrder
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
    by_own_id,
    edge_item,
    first_of,
    get,
    input_names,
    item,
    no_args,
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
    works: int = planned(edge_item("works"), "How many of their works are about the topic.")


@strawberry.type(description="A page of a topic's researchers, most works on it first.")
class TopicResearcherConnection(Connection[ResearcherType]):
    edges: Sequence[TopicResearcherEdge] = planned(EDGES, "The researchers, in order.")


@strawberry.type(description="A topic that shares papers with another.")
class RelatedTopic:
    topic: Topic = planned(Child(lambda row: row["node"]), "The related topic.")
    shared_papers: int = planned(item("sharedPapers"), "Papers about both.")


@strawberry.type(description="A level above a topic in OpenAlex's hierarchy.")
class TopicLevel:
    id: strawberry.ID = strawberry.field(
        description="OpenAlex's id of the level as its path (`domains/3`, `fields/17`, "
        "`subfields/1702`), so that no topic, researcher, paper or institution has it."
    )
    name: str | None = strawberry.field(description="Display name.")


def _level(name: str) -> Child:
    """A level of the hierarchy, from the topic's `<name>Id` and `<name>` properties."""

    def level(row: Row) -> TopicLevel | None:
        level_id = row.get(f"{name}Id")
        if not level_id:
            return None
        path = level_id if "/" in level_id else f"{name}s/{level_id}"
        return TopicLevel(id=strawberry.ID(path), name=row.get(name))

    return Child(level, Needs(props=frozenset({f"{name}Id", name})))


def _count(row: Row | None, args: Any, props: Any) -> int:
    return int(row["count"]) if row else 0


@strawberry.type(description="A research topic.")
class Topic(Node):
    name: str = planned(text("name"), "Display name.")
    subfield: TopicLevel | None = planned(
        _level("subfield"), "OpenAlex subfield (e.g. Artificial Intelligence)."
    )
    field: TopicLevel | None = planned(_level("field"), "OpenAlex field (e.g. Computer Science).")
    domain: TopicLevel | None = planned(
        _level("domain"), "OpenAlex domain (e.g. Physical Sciences)."
    )
    level: int | None = planned(get("level"), "An older OpenAlex concept's level (0 broadest).")

    graph: GraphSlice | None = graph_field(NodeKind.TOPIC)

    paper_count: int = planned(
        Load(TopicPaperCount, no_args, by_own_id, _count), "How many papers are about it."
    )

    @planned_by(
        page_load("Topic.papers", TopicPapers, lambda given: "TOPIC_PAPERS"),
        "Papers about it, best score first, then newest.",
    )
    def papers(
        self, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[PaperType] | None: ...

    @planned_by(
        page_load("Topic.researchers", TopicResearchers, lambda given: "TOPIC_RESEARCHERS"),
        "Researchers with works about it, most works first.",
    )
    def researchers(
        self, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> TopicResearcherConnection | None: ...

    @planned_by(
        Load(TopicRelated, first_of, top, lambda rows, first, props: rows),
        "Topics sharing papers with it, most shared first.",
    )
    def related_topics(self, first: FirstOfTen = 10) -> list[RelatedTopic] | None: ...

    works_per_year: list[YearCount] = works_per_year_field("topic")
    paper_stats: PaperStats = paper_stats_field("topic", "its")


@strawberry.type
class TopicQuery:
    @planned_by(
        Load(
            TopicById, lambda given, settings, selected: given["id"], lambda s, id: id, node_or_none
        ),
        "A topic by id; null when unknown.",
    )
    def topic(
        self, id: Annotated[strawberry.ID, strawberry.argument(description="The topic's id.")]
    ) -> Topic | None: ...

    @planned_by(
        root_page("Query.topics", "TOPICS", TopicsPage, input_names(TopicFilter)),
        "Topics matching `filter`, by name unless `orderBy` says otherwise.",
    )
    def topics(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            TopicFilter | None,
            strawberry.argument(
                description="Only topics matching the condition; all when left out."
            ),
        ] = None,
        order_by: Annotated[
            TopicOrder,
            strawberry.argument(description="The order of the list; by name when left out."),
        ] = TopicOrder.NAME_ASC,
    ) -> Connection[Topic] | None: ...
