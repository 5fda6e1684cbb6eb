"""Fields whose objects are of several types in a plan: `search`, `autocomplete` and `node`.
Each brings (type name, row) pairs; the planner writes each with the selection on its type."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.engine.fields import Call
from bzpeer_graphql.graph.neighbourhood import NodeKind
from bzpeer_graphql.graph.pagination import page
from bzpeer_graphql.graph.search import AUTOCOMPLETE_FIRST
from bzpeer_graphql.loaders.node import NodeById
from bzpeer_graphql.loaders.search import SearchKey, SearchResults, fulltext_query
from bzpeer_graphql.settings import Settings

_TYPES = {
    "RESEARCHER": "Researcher",
    "PAPER": "Paper",
    "TOPIC": "Topic",
    "INSTITUTION": "Institution",
}

Found = tuple[str | None, tuple[str, ...], int]


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
    query = fulltext_query(given["prefix"], prefix=True, argument="prefix")
    return query, _kinds(given), size


async def _found(source: Any, args: Found, context: Any) -> list[tuple[str, Any]]:
    query, wanted, first = args
    if query is None or not wanted:
        return []
    rows = await context.loader(SearchResults).load(SearchKey(query, wanted, first))
    return [(_TYPES[row["kind"]], row["node"]) for row in rows]


def _node_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Any:
    return given["id"]


async def _node(source: Any, node_id: Any, context: Any) -> tuple[str, Any] | None:
    row = await context.loader(NodeById).load(node_id)
    if not row or row["kind"] is None:
        return None
    return row["kind"], row["node"]


search = Call(_found, _search_args)
autocomplete = Call(_found, _autocomplete_args)
node = Call(_node, _node_args)
