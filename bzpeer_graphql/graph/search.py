"""Search and autocomplete over the full-text indexes of every node kind, in one round trip."""

from __future__ import annotations

from typing import Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import Call, Typed
from bzpeer_graphql.engine.paging import page
from bzpeer_graphql.graph.institution import Institution
from bzpeer_graphql.graph.neighbourhood import TYPE_OF_KIND, NodeKind
from bzpeer_graphql.graph.paper import Paper
from bzpeer_graphql.graph.plans import planned_by
from bzpeer_graphql.graph.researcher import Researcher
from bzpeer_graphql.graph.topic import Topic
from bzpeer_graphql.loaders.search import (
    MAX_CHARACTERS,
    MAX_WORDS,
    SearchKey,
    SearchResults,
    fulltext_query,
)
from bzpeer_graphql.settings import Settings

AUTOCOMPLETE_FIRST = 10

SearchResult = Annotated[
    Researcher | Paper | Topic | Institution,
    strawberry.union(
        "SearchResult", description="A researcher, paper, topic or institution that search found."
    ),
]


Found = tuple[str | None, tuple[str, ...], int]

_WORDS = (
    f"at most {MAX_CHARACTERS} characters and {MAX_WORDS} words; punctuation and query syntax "
    "only separate words"
)
Kinds = Annotated[
    list[NodeKind] | None,
    strawberry.argument(description="Only nodes of these kinds; every kind when left out."),
]


def _kinds(given: dict[str, Any]) -> tuple[str, ...]:
    kinds = given.get("kinds")
    return tuple(sorted({kind.value for kind in (list(NodeKind) if kinds is None else kinds)}))


def _search_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Found:
    size = page(given.get("first"), None, settings).first
    return fulltext_query(given["text"], argument="text"), _kinds(given), size


def _autocomplete_args(
    given: dict[str, Any], settings: Settings, selected: frozenset[str]
) -> Found:
    first = given.get("first")
    size = page(AUTOCOMPLETE_FIRST if first is None else first, None, settings).first
    return fulltext_query(given["prefix"], prefix=True, argument="prefix"), _kinds(given), size


async def _found(source: Any, args: Found, context: Any) -> list[Typed]:
    query, wanted, first = args
    if query is None or not wanted:
        return []
    rows = await context.loader(SearchResults).load(SearchKey(query, wanted, first))
    return [Typed(TYPE_OF_KIND[row["kind"]], row["node"]) for row in rows]


@strawberry.type
class SearchQuery:
    @planned_by(
        Call(_found, _search_args),
        "Researchers (name and name variants), papers (title and abstract), topics and "
        "institutions (name) holding every word of `text`, best match first (then researchers, "
        "papers, topics, institutions, then by id). Case does not matter; accents and whole "
        "words do: `fang` finds Gongfan Fang, `fan` does not.",
    )
    def search(
        self,
        text: Annotated[
            str, strawberry.argument(description=f"Words that must all occur ({_WORDS}).")
        ],
        kinds: Kinds = None,
        first: Annotated[
            int | None,
            strawberry.argument(
                description="How many results; the default page size when left out."
            ),
        ] = None,
    ) -> list[SearchResult] | None: ...

    @planned_by(
        Call(_found, _autocomplete_args),
        "Type-ahead: `search` with the last word of `prefix` matching the start of a word, so "
        "`gong` finds Gongfan Fang.",
    )
    def autocomplete(
        self,
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
            strawberry.argument(
                description=f"How many results ({AUTOCOMPLETE_FIRST} when left out)."
            ),
        ] = AUTOCOMPLETE_FIRST,
    ) -> list[SearchResult] | None: ...
