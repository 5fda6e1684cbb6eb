"""Search and autocomplete over the full-text indexes of every node kind, in one round trip."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from bzpeer_graphql.graph.institution import Institution
from bzpeer_graphql.graph.neighbourhood import NodeKind
from bzpeer_graphql.graph.node import GraphInfo, limit
from bzpeer_graphql.graph.paper import Paper
from bzpeer_graphql.graph.researcher import Researcher
from bzpeer_graphql.graph.topic import Topic
from bzpeer_graphql.loaders.search import (
    MAX_CHARACTERS,
    MAX_WORDS,
    SearchKey,
    SearchResults,
    fulltext_query,
)

AUTOCOMPLETE_FIRST = 10

SearchResult = Annotated[
    Researcher | Paper | Topic | Institution,
    strawberry.union(
        "SearchResult", description="A researcher, paper, topic or institution that search found."
    ),
]

_TYPES: dict[str, Any] = {
    NodeKind.RESEARCHER.value: Researcher,
    NodeKind.PAPER.value: Paper,
    NodeKind.TOPIC.value: Topic,
    NodeKind.INSTITUTION.value: Institution,
}

_WORDS = (
    f"at most {MAX_CHARACTERS} characters and {MAX_WORDS} words; punctuation and query syntax "
    "only separate words"
)
Kinds = Annotated[
    list[NodeKind] | None,
    strawberry.argument(description="Only nodes of these kinds; every kind when left out."),
]


async def _results(
    info: GraphInfo, query: str | None, kinds: list[NodeKind] | None, first: int
) -> list[SearchResult]:
    wanted = tuple(sorted({kind.value for kind in (list(NodeKind) if kinds is None else kinds)}))
    if query is None or not wanted:
        return []
    rows = await info.context.loader(SearchResults).load(SearchKey(query, wanted, first))
    return [_TYPES[row["kind"]].from_row(row["node"]) for row in rows]


async def resolve_search(
    info: GraphInfo,
    text: Annotated[str, strawberry.argument(description=f"Words that must all occur ({_WORDS}).")],
    kinds: Kinds = None,
    first: Annotated[
        int | None,
        strawberry.argument(description="How many results; the default page size when left out."),
    ] = None,
) -> list[SearchResult]:
    size = limit(info, first)
    return await _results(info, fulltext_query(text, argument="text"), kinds, size)


async def resolve_autocomplete(
    info: GraphInfo,
    prefix: Annotated[
        str,
        strawberry.argument(
            description="What the user typed so far: every word must occur, the last one as "
            f"the start of a word ({_WORDS})."
        ),
    ],
    kinds: Kinds = None,
    first: Annotated[
        int | None,
        strawberry.argument(description=f"How many results ({AUTOCOMPLETE_FIRST} when left out)."),
    ] = AUTOCOMPLETE_FIRST,
) -> list[SearchResult]:
    size = limit(info, AUTOCOMPLETE_FIRST if first is None else first)
    return await _results(info, fulltext_query(prefix, prefix=True, argument="prefix"), kinds, size)


@strawberry.type
class SearchQuery:
    search: list[SearchResult] = strawberry.field(
        resolver=resolve_search,
        description="Researchers (name and name variants), papers (title and abstract), topics "
        "and institutions (name) holding every word of `text`, best match first (then "
        "researchers, papers, topics, institutions, then by id). Case does not matter; accents "
        "and whole words do: `fang` finds Gongfan Fang, `fan` does not.",
    )
    autocomplete: list[SearchResult] = strawberry.field(
        resolver=resolve_autocomplete,
        description="Type-ahead: `search` with the last word of `prefix` matching the start of "
        "a word, so `gong` finds Gongfan Fang.",
    )
