"""Papers (works): their ordered authors, topics and citations."""

from __future__ import annotations

from collections.abc import Awaitable
from typing import TYPE_CHECKING, Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Needs, Props, Row, node
from bzpeer_graphql.graph.lists import WorkFilter, WorkOrder, work_filter_options
from bzpeer_graphql.graph.neighbourhood import GraphSlice, NodeKind, graph_field
from bzpeer_graphql.graph.node import Node
from bzpeer_graphql.graph.pagination import After, Before, Connection, First, Last
from bzpeer_graphql.graph.plans import (
    by_own_id,
    get,
    item,
    no_args,
    nodes,
    page_load,
    planned,
    planned_by,
    prop,
    root_page,
)
from bzpeer_graphql.graph.work_type import WorkType, as_work_type
from bzpeer_graphql.loaders.paper import (
    PaperAuthors,
    PaperAuthorships,
    PaperById,
    PaperCitedBy,
    PaperCitedByCount,
    PaperReferences,
    PapersPage,
    PaperTopics,
)
from bzpeer_graphql.loaders.topic import TopicById

if TYPE_CHECKING:
    from bzpeer_graphql.graph.researcher import Researcher
    from bzpeer_graphql.graph.topic import Topic

ResearcherType = Annotated["Researcher", strawberry.lazy("bzpeer_graphql.graph.researcher")]
TopicType = Annotated["Topic", strawberry.lazy("bzpeer_graphql.graph.topic")]


@strawberry.type(description="A topic of a paper with its score.")
class ScoredTopic:
    topic: TopicType = planned(Child(lambda row: row["node"]), "The topic.")
    score: float = planned(item("score"), "How strongly the paper is about it (0-1).")


@strawberry.type(description="OpenAlex's count of works citing a paper, in one year.")
class CitationYear:
    year: int = strawberry.field(description="The year.")
    cited_by_count: int = strawberry.field(description="Citing works published that year.")


def _authorship(row: Row, name: str) -> Any:
    return (row.get("authorship") or {}).get(name)


@strawberry.type(description="One author of a paper, as the paper names them.")
class Authorship:
    position: int = planned(item("position"), "Place in the author list, from 1.")
    researcher: ResearcherType = planned(Child(lambda row: row["node"]), "The author.")
    corresponding: bool | None = planned(
        Leaf(lambda row: _authorship(row, "corresponding")),
        "Whether a corresponding author, when the source says.",
    )
    raw_affiliation_strings: list[str] = planned(
        Leaf(lambda row: _authorship(row, "rawAffiliations") or []),
        "The affiliation as printed, kept where no institution was matched to it.",
    )
    institution_ids: list[strawberry.ID] = planned(
        Leaf(lambda row: _authorship(row, "institutions") or []),
        "Ids of the institutions the paper names for this author.",
    )


def _counts_by_year(row: Row) -> list[CitationYear]:
    """[year, count, year, count, ...] as stored, newest year first."""
    flat = row.get("countsByYear") or []
    pairs = list(zip(flat[0::2], flat[1::2], strict=True))
    return [CitationYear(year=y, cited_by_count=c) for y, c in sorted(pairs, reverse=True)]


def _cited_by_count(row: Row, args: Any, context: Any) -> int | Awaitable[int]:
    """As the query that found the paper counted it, else counted now."""
    known = row.get("citedByCount")
    if known is not None:
        return int(known)
    return _count_cited_by(row["id"], context)


async def _count_cited_by(paper_id: str, context: Any) -> int:
    found = await context.loader(PaperCitedByCount).load(paper_id)
    return int(found["count"]) if found else 0


async def _primary_topic(row: Row, args: Any, context: Any) -> Row | None:
    topic_id = row.get("primaryTopicId")
    if not topic_id:
        return None
    found: Row | None = await context.loader(TopicById).load(topic_id)
    return found


async def _corresponding_authors(row: Row, args: Any, context: Any) -> list[Row]:
    wanted = set(row.get("correspondingAuthorIds") or [])
    if not wanted:
        return []
    rows = await context.loader(PaperAuthors).load(row["id"])
    return [each["node"] for each in rows if each["node"]["id"] in wanted]


def _with_nodes(rows: list[Row], args: Any, props: Props | None) -> list[Row]:
    for row in rows:
        row["node"] = node(row["node"], props)
    return rows


@strawberry.type(description="A published work: article, preprint, chapter or dataset.")
class Paper(Node):
    title: str | None = planned(
        get("title"), "Title as published; null for a work the source gives no title."
    )
    abstract: str | None = planned(get("abstract"), "Abstract, when known.")
    year: int | None = planned(get("year"), "Publication year.")
    type: WorkType | None = planned(
        Leaf(lambda row: as_work_type(row.get("type")), prop("type")),
        "Work type, e.g. PREPRINT or ARTICLE.",
    )
    venue: str | None = planned(get("venue"), "Journal, conference or archive.")
    doi: str | None = planned(get("doi"), "DOI, without the resolver prefix.")
    arxiv_id: str | None = planned(get("arxivId"), "arXiv identifier.")
    url: str | None = planned(get("url"), "Landing page.")
    code_url: str | None = planned(get("codeUrl"), "Where the code lives, when known.")
    open_access: bool | None = planned(get("openAccess"), "Whether it is free to read.")
    type_original: str | None = planned(
        get("typeOriginal"),
        "The type as the source wrote it (e.g. Crossref's journal-article), before `type` put "
        "it in one vocabulary.",
    )
    publication_date: str | None = planned(get("publicationDate"), "Publication date, YYYY-MM-DD.")
    open_alex_cited_by_count: int | None = planned(
        get("openAlexCitedByCount"),
        "How many works cite it across all of OpenAlex, as OpenAlex counted; `citedByCount` "
        "counts the citing papers inside this graph.",
    )
    counts_by_year: list[CitationYear] = planned(
        Child(_counts_by_year, prop("countsByYear")),
        "OpenAlex's citations per year (its last ten years), newest first.",
    )
    keywords: list[str] = planned(
        Leaf(lambda row: row.get("keywords") or [], prop("keywords")),
        "Keywords, most relevant first.",
    )
    open_access_status: str | None = planned(
        get("openAccessStatus"),
        "OpenAlex's open-access status: gold, green, hybrid, bronze, diamond, closed.",
    )
    open_access_url: str | None = planned(get("openAccessUrl"), "Where it is free to read.")
    license: str | None = planned(get("license"), "Licence of the work, e.g. cc-by.")
    is_retracted: bool | None = planned(get("isRetracted"), "Whether it was retracted.")
    language: str | None = planned(get("language"), "Language, ISO 639-1 (e.g. en).")
    pmid: str | None = planned(get("pmid"), "PubMed id.")
    pmcid: str | None = planned(get("pmcid"), "PubMed Central id.")
    mag: str | None = planned(get("mag"), "Microsoft Academic Graph id.")
    updated_date: str | None = planned(
        get("updatedDate"),
        "When the source last changed the record (OpenAlex's updated_date).",
    )
    authors: list[ResearcherType] = planned(
        Load(PaperAuthors, no_args, by_own_id, nodes), "The authors in author order."
    )
    authorships: list[Authorship] = planned(
        Load(PaperAuthorships, no_args, by_own_id, _with_nodes),
        "The authors with what the paper says about each.",
    )
    corresponding_authors: list[ResearcherType] = planned(
        Call(_corresponding_authors, no_args, Needs(props=frozenset({"correspondingAuthorIds"}))),
        "The corresponding authors, in author order.",
    )
    primary_topic: TopicType | None = planned(
        Call(_primary_topic, no_args, prop("primaryTopicId")),
        "The topic OpenAlex ranks first, with its subfield, field and domain.",
    )
    topics: list[ScoredTopic] = planned(
        Load(PaperTopics, no_args, by_own_id, lambda rows, args, props: rows),
        "Topics, best score first.",
    )

    @planned_by(
        page_load("Paper.references", PaperReferences, lambda given: "CITATIONS"),
        "Papers this paper cites, newest first.",
    )
    def references(
        self, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Paper] | None: ...

    @planned_by(
        page_load("Paper.citedBy", PaperCitedBy, lambda given: "CITATIONS"),
        "Papers citing this paper, newest first.",
    )
    def cited_by(
        self, first: First = None, after: After = None, last: Last = None, before: Before = None
    ) -> Connection[Paper] | None: ...

    graph: GraphSlice | None = graph_field(NodeKind.PAPER)

    cited_by_count: int = planned(
        Call(_cited_by_count, no_args, Needs(cites=True)), "How many papers cite this one."
    )


def _paper(value: Any, args: Any, props: Props | None) -> Row | None:
    """`PaperById`'s value: the node map, or projected, the row with its citation count."""
    if value is None or props is None:
        return value  # type: ignore[no-any-return]
    paper = node(value["node"], props)
    if value["citedByCount"] is not None:
        paper["citedByCount"] = value["citedByCount"]
    return paper


_PAPER = Load(PaperById, lambda given, settings, selected: given["id"], lambda s, id: id, _paper)


@strawberry.type
class PaperQuery:
    @planned_by(_PAPER, "A paper by id; null when unknown.")
    def paper(
        self, id: Annotated[strawberry.ID, strawberry.argument(description="The paper's id.")]
    ) -> Paper | None: ...

    @planned_by(
        root_page("Query.papers", "PAPERS", PapersPage, work_filter_options),
        "Papers matching `filter`, newest first unless `orderBy` says otherwise.",
    )
    def papers(
        self,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
        filter: Annotated[
            WorkFilter | None,
            strawberry.argument(
                description="Only papers matching every condition given; all when left out."
            ),
        ] = None,
        order_by: Annotated[
            WorkOrder,
            strawberry.argument(description="The order of the list; newest first when left out."),
        ] = WorkOrder.YEAR_DESC,
    ) -> Connection[Paper] | None: ...
