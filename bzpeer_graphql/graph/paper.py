"""Papers (works): their ordered authors, topics and citations."""

from __future__ import annotations

from typing import TYPE_CHECKING, Annotated

import strawberry

from bzpeer_graphql.graph.lists import WorkFilter, WorkOrder, root_key
from bzpeer_graphql.graph.neighbourhood import GraphSlice, NodeKind, graph_field
from bzpeer_graphql.graph.node import GraphInfo, Node, Row, list_key, page_of
from bzpeer_graphql.graph.pagination import After, Connection, First, Page, connection
from bzpeer_graphql.graph.work_type import WorkType, as_work_type
from bzpeer_graphql.loaders.paper import (
    PaperAuthors,
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
    topic: TopicType = strawberry.field(description="The topic.")
    score: float = strawberry.field(description="How strongly the paper is about it (0-1).")


@strawberry.type(description="OpenAlex's count of works citing a paper, in one year.")
class CitationYear:
    year: int = strawberry.field(description="The year.")
    cited_by_count: int = strawberry.field(description="Citing works published that year.")


@strawberry.type(description="One author of a paper, as the paper names them.")
class Authorship:
    position: int = strawberry.field(description="Place in the author list, from 1.")
    researcher: ResearcherType = strawberry.field(description="The author.")
    corresponding: bool | None = strawberry.field(
        description="Whether a corresponding author, when the source says."
    )
    raw_affiliation_strings: list[str] = strawberry.field(
        description="The affiliation as printed, kept where no institution was matched to it."
    )
    institution_ids: list[strawberry.ID] = strawberry.field(
        description="Ids of the institutions the paper names for this author."
    )


@strawberry.type(description="A published work: article, preprint, chapter or dataset.")
class Paper(Node):
    title: str = strawberry.field(description="Title as published.")
    abstract: str | None = strawberry.field(description="Abstract, when known.")
    year: int | None = strawberry.field(description="Publication year.")
    type: WorkType | None = strawberry.field(description="Work type, e.g. PREPRINT or ARTICLE.")
    venue: str | None = strawberry.field(description="Journal, conference or archive.")
    doi: str | None = strawberry.field(description="DOI, without the resolver prefix.")
    arxiv_id: str | None = strawberry.field(description="arXiv identifier.")
    url: str | None = strawberry.field(description="Landing page.")
    code_url: str | None = strawberry.field(description="Where the code lives, when known.")
    open_access: bool | None = strawberry.field(description="Whether it is free to read.")
    type_original: str | None = strawberry.field(
        description="The type as the source wrote it (e.g. Crossref's journal-article), before "
        "`type` put it in one vocabulary."
    )
    publication_date: str | None = strawberry.field(description="Publication date, YYYY-MM-DD.")
    open_alex_cited_by_count: int | None = strawberry.field(
        description="How many works cite it across all of OpenAlex, as OpenAlex counted; "
        "`citedByCount` counts the citing papers inside this graph."
    )
    counts_by_year: list[CitationYear] = strawberry.field(
        description="OpenAlex's citations per year (its last ten years), newest first."
    )
    keywords: list[str] = strawberry.field(description="Keywords, most relevant first.")
    open_access_status: str | None = strawberry.field(
        description="OpenAlex's open-access status: gold, green, hybrid, bronze, diamond, closed."
    )
    open_access_url: str | None = strawberry.field(description="Where it is free to read.")
    license: str | None = strawberry.field(description="Licence of the work, e.g. cc-by.")
    is_retracted: bool | None = strawberry.field(description="Whether it was retracted.")
    language: str | None = strawberry.field(description="Language, ISO 639-1 (e.g. en).")
    pmid: str | None = strawberry.field(description="PubMed id.")
    pmcid: str | None = strawberry.field(description="PubMed Central id.")
    mag: str | None = strawberry.field(description="Microsoft Academic Graph id.")
    updated_date: str | None = strawberry.field(
        description="When the source last changed the record (OpenAlex's updated_date)."
    )
    primary_topic_id: strawberry.Private[str | None] = None
    corresponding_author_ids: strawberry.Private[list[str] | None] = None
    #: how often it is cited, when the query that found the paper counted it already
    known_cited_by: strawberry.Private[int | None] = None

    @classmethod
    def from_row(cls, row: Row, cited_by: int | None = None) -> Paper:
        return cls(
            id=strawberry.ID(row["id"]),
            title=row.get("title") or "",
            abstract=row.get("abstract"),
            year=row.get("year"),
            type=as_work_type(row.get("type")),
            venue=row.get("venue"),
            doi=row.get("doi"),
            arxiv_id=row.get("arxivId"),
            url=row.get("url"),
            code_url=row.get("codeUrl"),
            open_access=row.get("openAccess"),
            type_original=row.get("typeOriginal"),
            publication_date=row.get("publicationDate"),
            open_alex_cited_by_count=row.get("openAlexCitedByCount"),
            counts_by_year=_counts_by_year(row.get("countsByYear")),
            keywords=row.get("keywords") or [],
            open_access_status=row.get("openAccessStatus"),
            open_access_url=row.get("openAccessUrl"),
            license=row.get("license"),
            is_retracted=row.get("isRetracted"),
            language=row.get("language"),
            pmid=row.get("pmid"),
            pmcid=row.get("pmcid"),
            mag=row.get("mag"),
            updated_date=row.get("updatedDate"),
            primary_topic_id=row.get("primaryTopicId"),
            corresponding_author_ids=row.get("correspondingAuthorIds") or [],
            known_cited_by=cited_by if cited_by is not None else row.get("citedByCount"),
        )

    @strawberry.field(description="The authors in author order.")
    async def authors(self, info: GraphInfo) -> list[ResearcherType]:
        from bzpeer_graphql.graph.researcher import Researcher

        rows = await info.context.loader(PaperAuthors).load(self.id)
        return [Researcher.from_row(row["node"]) for row in rows]

    @strawberry.field(description="The authors with what the paper says about each.")
    async def authorships(self, info: GraphInfo) -> list[Authorship]:
        from bzpeer_graphql.graph.researcher import Researcher

        rows = await info.context.loader(PaperAuthors).load(self.id)
        return [
            Authorship(
                position=row["position"],
                researcher=Researcher.from_row(row["node"]),
                corresponding=(row.get("authorship") or {}).get("corresponding"),
                raw_affiliation_strings=(row.get("authorship") or {}).get("rawAffiliations") or [],
                institution_ids=[
                    strawberry.ID(i)
                    for i in (row.get("authorship") or {}).get("institutions") or []
                ],
            )
            for row in rows
        ]

    @strawberry.field(description="The corresponding authors, in author order.")
    async def corresponding_authors(self, info: GraphInfo) -> list[ResearcherType]:
        from bzpeer_graphql.graph.researcher import Researcher

        wanted = set(self.corresponding_author_ids or [])
        if not wanted:
            return []
        rows = await info.context.loader(PaperAuthors).load(self.id)
        return [Researcher.from_row(row["node"]) for row in rows if row["node"]["id"] in wanted]

    @strawberry.field(
        description="The topic OpenAlex ranks first, with its subfield, field and domain."
    )
    async def primary_topic(self, info: GraphInfo) -> TopicType | None:
        from bzpeer_graphql.graph.topic import Topic

        if not self.primary_topic_id:
            return None
        row = await info.context.loader(TopicById).load(self.primary_topic_id)
        return Topic.from_row(row) if row else None

    @strawberry.field(description="Topics, best score first.")
    async def topics(self, info: GraphInfo) -> list[ScoredTopic]:
        from bzpeer_graphql.graph.topic import Topic

        rows = await info.context.loader(PaperTopics).load(self.id)
        return [ScoredTopic(topic=Topic.from_row(row["node"]), score=row["score"]) for row in rows]

    @strawberry.field(description="Papers this paper cites, newest first.")
    async def references(
        self, info: GraphInfo, first: First = None, after: After = None
    ) -> Connection[Paper]:
        request = page_of(info, first, after, "CITATIONS")
        result = await info.context.loader(PaperReferences).load(list_key(self.id, request))
        return paper_connection(result, request)

    @strawberry.field(description="Papers citing this paper, newest first.")
    async def cited_by(
        self, info: GraphInfo, first: First = None, after: After = None
    ) -> Connection[Paper]:
        request = page_of(info, first, after, "CITATIONS")
        result = await info.context.loader(PaperCitedBy).load(list_key(self.id, request))
        return paper_connection(result, request)

    graph: GraphSlice | None = graph_field(NodeKind.PAPER)

    @strawberry.field(description="How many papers cite this one.")
    async def cited_by_count(self, info: GraphInfo) -> int:
        if self.known_cited_by is not None:
            return self.known_cited_by
        row = await info.context.loader(PaperCitedByCount).load(self.id)
        return int(row["count"]) if row else 0


def _counts_by_year(flat: list[int] | None) -> list[CitationYear]:
    """[year, count, year, count, ...] as stored, newest year first."""
    pairs = list(zip((flat or [])[0::2], (flat or [])[1::2], strict=True))
    return [CitationYear(year=y, cited_by_count=c) for y, c in sorted(pairs, reverse=True)]


def paper_connection(result: Row | None, request: Page) -> Connection[Paper]:
    """A page of papers from a page loader's result."""
    return connection(
        result, request, lambda item: Paper.from_row(item["node"], item.get("citedByCount"))
    )


async def resolve_paper(
    info: GraphInfo,
    id: Annotated[strawberry.ID, strawberry.argument(description="The paper's id.")],
) -> Paper | None:
    row = await info.context.loader(PaperById).load(id)
    return Paper.from_row(row) if row else None


async def resolve_papers(
    info: GraphInfo,
    first: First = None,
    after: After = None,
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
) -> Connection[Paper]:
    ordering = f"PAPERS_{order_by.value}"
    request = page_of(info, first, after, ordering)
    key = root_key(info, request, order_by, filter or WorkFilter())
    result = await info.context.loader(PapersPage).load(key)
    return paper_connection(result, request)


@strawberry.type
class PaperQuery:
    paper: Paper | None = strawberry.field(
        resolver=resolve_paper, description="A paper by id; null when unknown."
    )
    papers: Connection[Paper] = strawberry.field(
        resolver=resolve_papers,
        description="Papers matching `filter`, newest first unless `orderBy` says otherwise.",
    )
