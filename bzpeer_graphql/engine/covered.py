"""What the planner covers, field by field. Each entry mirrors its resolver in `graph/`, which
stays the definition graphql-core runs; the equivalence test holds the two equal."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from strawberry.utils.str_converters import to_camel_case

from bzpeer_graphql.engine import search
from bzpeer_graphql.engine.fields import (
    Child,
    Conn,
    Leaf,
    Load,
    Needs,
    Props,
    Row,
    Spec,
    node,
)
from bzpeer_graphql.engine.slices import graph_of, neighbourhood
from bzpeer_graphql.graph.lists import ResearcherFilter, WorkFilter
from bzpeer_graphql.graph.neighbourhood import NodeKind
from bzpeer_graphql.graph.node import list_key
from bzpeer_graphql.graph.pagination import Page, list_tag, page
from bzpeer_graphql.graph.work_type import work_type
from bzpeer_graphql.identity.trust import trust_from_stats
from bzpeer_graphql.loaders.base import CypherLoader, ListKey
from bzpeer_graphql.loaders.paper import (
    PaperAuthors,
    PaperById,
    PaperCitedBy,
    PaperReferences,
    PapersPage,
)
from bzpeer_graphql.loaders.researcher import (
    ResearcherAffiliations,
    ResearcherByIdOrMerged,
    ResearcherCoauthors,
    ResearcherCoauthorsOfCoauthors,
    ResearchersPage,
    ResearcherStats,
    ResearcherTopics,
    ResearcherWorks,
)
from bzpeer_graphql.settings import Settings

SORTED = Needs(sorted=True)


def _conn(result: Row | None, request: Page, props: Props | None) -> Conn:
    """What `pagination.connection_of` makes of a page loader's result, for the planner."""
    items = result["items"] if result else []
    total = result["total"] if result else 0
    has_next = len(items) > request.first
    items = items[: request.first]
    for item in items:
        item["node"] = node(item["node"], props)
        if "citedByCount" in item and "citedByCount" not in item["node"]:
            item["node"]["citedByCount"] = item["citedByCount"]
    conn = Conn(items, total, has_next, request.after is not None, request.tag)
    conn.edges = [(item, conn) for item in items]
    return conn


_NO_KEY = ListKey("", 0)


@dataclass(frozen=True)
class PageArgs:
    request: Page
    options: tuple[tuple[str, Any], ...] = ()
    #: the loader key of any parent's page, but for the parent's id: made once per field
    template: ListKey = _NO_KEY


def _page_load(
    list_name: str,
    loader: type[CypherLoader],
    ordering: Callable[[dict[str, Any]], str],
    options: Callable[[dict[str, Any]], dict[str, Any]] = lambda args: {},
) -> Load:
    """A per-parent connection; `list_name` (`Type.field`) tags its cursors as `page_of` does."""

    def args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> PageArgs:
        tag = list_tag(list_name, ordering(given))
        request = page(given.get("first"), given.get("after"), settings, tag)
        return PageArgs(request, template=list_key("", request, **options(given)))

    def key(source: Row, args: PageArgs) -> Hashable:
        made = args.template
        return ListKey(source["id"], made.first, made.after, made.options)

    def shape(value: Any, args: PageArgs, props: Props | None) -> Conn:
        return _conn(value, args.request, props)

    return Load(loader, args, key, shape)


def _filter_options(given: dict[str, Any] | None, names: tuple[str, ...]) -> dict[str, Any]:
    """`lists.filter_options` of a filter argument as graphql-core coerced it."""
    given = given or {}
    options: dict[str, Any] = {}
    for name in names:
        value = given.get(name)
        value = value.value if isinstance(value, Enum) else value
        options[name] = value.lower() if name.endswith("Contains") and value is not None else value
    return options


def _input_names(cls: type) -> tuple[str, ...]:
    """The GraphQL names of a filter input's fields, read off its strawberry definition."""
    return tuple(
        field.graphql_name or to_camel_case(field.python_name)
        for field in cls.__strawberry_definition__.fields  # type: ignore[attr-defined]
    )


WORK_FILTER = _input_names(WorkFilter)


def _works_options(given: dict[str, Any]) -> dict[str, Any]:
    return {"order": given["orderBy"].value, **_filter_options(given.get("filter"), WORK_FILTER)}


def _id_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Any:
    return given["id"]


def _own_id(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> None:
    return None


def _by_own_id(source: Row, args: Any) -> Hashable:
    return source["id"]  # type: ignore[no-any-return]


def _paper(value: Any, args: Any, props: Props | None) -> Row | None:
    if value is None:
        return None
    paper = node(value["node"], props)
    paper["citedByCount"] = value["citedByCount"]
    return paper


def _node_or_none(value: Any, args: Any, props: Props | None) -> Row | None:
    return node(value, props) if value is not None else None


def _current_institution(rows: list[Row], args: Any, props: Props | None) -> Row | None:
    current = [row for row in rows if row["current"]]
    return node(current[0]["node"], props) if current else None


def _close_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Page:
    return page(given.get("first"), None, settings, "COAUTHORS")


def _close_shape(result: Row | None, request: Page, props: Props | None) -> list[Row]:
    items = result["items"][: request.first] if result else []
    for item in items:
        item["node"] = node(item["node"], props)
    return items


def _root_page(prefix: str, filter_names: tuple[str, ...]) -> Load:
    """A list root (`papers`, `researchers`): `lists.root_key` of its arguments."""
    list_name = f"Query.{prefix.lower()}"

    def args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> PageArgs:
        tag = list_tag(list_name, f"{prefix}_{given['orderBy'].value}")
        request = page(given.get("first"), given.get("after"), settings, tag)
        options = _filter_options(given.get("filter"), filter_names)
        key = list_key(
            "all",
            request,
            order=given["orderBy"],
            withTotal="totalCount" in selected,
            filtered=any(value is not None for value in options.values()),
            **options,
        )
        return PageArgs(request, (("key", key),))

    loader = PapersPage if prefix == "PAPERS" else ResearchersPage
    return Load(
        loader,
        args,
        lambda source, args: args.options[0][1],
        lambda value, args, props: _conn(value, args.request, props),
    )


def _topics_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> int:
    return page(given.get("first"), None, settings).first


def _topics_shape(rows: list[Row], first: int, props: Props | None) -> list[Row]:
    return rows[:first]


def _start_cursor(conn: Conn) -> str | None:
    return conn.cursor(conn.items[0]) if conn.items else None


def _end_cursor(conn: Conn) -> str | None:
    return conn.cursor(conn.items[-1]) if conn.items else None


def _attr(name: str) -> Leaf:
    return Leaf(lambda value: getattr(value, name))


def _prop(name: str) -> Needs:
    return Needs(props=frozenset({name}))


def _get(name: str) -> Leaf:
    return Leaf(lambda row: row.get(name), _prop(name))


def _item(name: str) -> Leaf:
    """A value of a loaded row or item, by column."""
    return Leaf(lambda row: row[name])


def _edge_item(name: str) -> Leaf:
    """A value of an edge's item, by column."""
    return Leaf(lambda edge: edge[0][name])


def _text(name: str) -> Leaf:
    return Leaf(lambda row: row.get(name) or "", _prop(name))


ID = Leaf(lambda row: row["id"], _prop("id"))

RESEARCHER: dict[str, Spec] = {
    "id": ID,
    "name": _text("name"),
    "nameVariants": Leaf(lambda row: list(row.get("nameVariants") or []), _prop("nameVariants")),
    "headline": _get("headline"),
    "orcid": _get("orcid"),
    "openToCollaborate": Leaf(
        lambda row: bool(row.get("openToCollaborate")), _prop("openToCollaborate")
    ),
    "affiliation": Load(ResearcherAffiliations, _own_id, _by_own_id, _current_institution),
    "counts": Load(ResearcherStats, _own_id, _by_own_id, lambda stats, args, props: stats),
    "trust": Load(
        ResearcherStats,
        _own_id,
        _by_own_id,
        lambda stats, args, props: trust_from_stats(stats) if stats is not None else None,
    ),
    "works": _page_load(
        "Researcher.works",
        ResearcherWorks,
        lambda given: str(given["orderBy"].name),
        _works_options,
    ),
    "coauthors": _page_load(
        "Researcher.coauthors",
        ResearcherCoauthors,
        lambda given: "COAUTHORS",
        lambda given: {"minShared": max(1, given["minSharedWorks"])},
    ),
    "graph": graph_of(NodeKind.RESEARCHER),
    "topics": Load(ResearcherTopics, _topics_args, _by_own_id, _topics_shape),
    "coauthorsOfCoauthors": _page_load(
        "Researcher.coauthorsOfCoauthors",
        ResearcherCoauthorsOfCoauthors,
        lambda given: "COAUTHORS_OF_COAUTHORS",
        lambda given: {"excludeDirect": given["excludeDirect"]},
    ),
    "closeCollaborators": Load(
        ResearcherCoauthors,
        _close_args,
        lambda source, request: list_key(source["id"], request, minShared=2),
        _close_shape,
    ),
}

PAPER: dict[str, Spec] = {
    "id": ID,
    "title": _text("title"),
    **{
        name: _get(name)
        for name in ("abstract", "year", "venue", "doi", "arxivId", "url", "codeUrl")
    },
    "type": Leaf(lambda row: work_type(row.get("type")), _prop("type")),
    "openAccess": _get("openAccess"),
    "citedByCount": Leaf(lambda row: row["citedByCount"], Needs(cites=True)),
    "authors": Load(
        PaperAuthors,
        _own_id,
        _by_own_id,
        lambda rows, args, props: [node(row["node"], props) for row in rows],
    ),
    "graph": graph_of(NodeKind.PAPER),
    "citedBy": _page_load("Paper.citedBy", PaperCitedBy, lambda given: "CITATIONS"),
    "references": _page_load("Paper.references", PaperReferences, lambda given: "CITATIONS"),
}

INSTITUTION: dict[str, Spec] = {
    "id": ID,
    "name": _text("name"),
    "country": _get("country"),
    "ror": _get("ror"),
    "graph": graph_of(NodeKind.INSTITUTION),
}

CONNECTION: dict[str, Spec] = {
    "edges": Child(lambda conn: conn.edges),
    "pageInfo": Child(lambda conn: conn),
    "totalCount": Leaf(lambda conn: conn.total),
}

EDGE: dict[str, Spec] = {
    "cursor": Leaf(lambda edge: edge[1].cursor(edge[0]), SORTED),
    "node": Child(lambda edge: edge[0]["node"]),
}

COVERED: dict[str, dict[str, Spec]] = {
    "Query": {
        "researcher": Load(ResearcherByIdOrMerged, _id_args, lambda source, id: id, _node_or_none),
        "paper": Load(PaperById, _id_args, lambda source, id: id, _paper),
        "papers": _root_page("PAPERS", WORK_FILTER),
        "researchers": _root_page("RESEARCHERS", _input_names(ResearcherFilter)),
        "neighbourhood": neighbourhood,
        "search": search.search,
        "autocomplete": search.autocomplete,
        "node": search.node,
    },
    "GraphSlice": {
        "center": Child(lambda graph: graph.center),
        "nodes": Child(lambda graph: graph.nodes),
        "edges": Child(lambda graph: graph.edges),
        "truncated": _attr("truncated"),
    },
    "GraphNode": {name: _attr(name) for name in ("id", "kind", "label", "weight", "depth")},
    "GraphEdge": {name: _attr(name) for name in ("source", "target", "kind", "weight")},
    "Researcher": RESEARCHER,
    "Paper": PAPER,
    "Institution": INSTITUTION,
    "Topic": {"id": ID, "name": _text("name"), "graph": graph_of(NodeKind.TOPIC)},
    "WeightedTopic": {
        "topic": Child(lambda row: row["node"]),
        "works": _item("works"),
        "weight": _item("weight"),
    },
    "PaperConnection": CONNECTION,
    "CoauthorConnection": CONNECTION,
    "ResearcherConnection": CONNECTION,
    "CoauthorOfCoauthorConnection": CONNECTION,
    "ResearcherEdge": EDGE,
    "CoauthorOfCoauthorEdge": {
        **EDGE,
        **{name: _edge_item(name) for name in ("paths", "weight", "direct")},
        "via": Child(lambda edge: edge[0]["via"]),
    },
    "Link": {
        "coauthor": Child(lambda row: row["node"]),
        "sharedWorks": _item("sharedWorks"),
        "theirSharedWorks": _item("theirSharedWorks"),
    },
    "PaperEdge": EDGE,
    "CoauthorEdge": {
        **EDGE,
        "sharedWorks": _edge_item("sharedWorks"),
    },
    "PageInfo": {
        "hasNextPage": Leaf(lambda conn: conn.has_next),
        "hasPreviousPage": Leaf(lambda conn: conn.has_previous),
        "startCursor": Leaf(_start_cursor, SORTED),
        "endCursor": Leaf(_end_cursor, SORTED),
    },
    "Collaborator": {
        "researcher": Child(lambda item: item["node"]),
        "sharedWorks": _item("sharedWorks"),
    },
    "ResearcherCounts": {
        name: _item(name)
        for name in ("works", "followers", "topics", "closeCollaborators", "coauthors", "citations")
    },
    "Trust": {
        "score": Leaf(lambda snapshot: snapshot.score),
        "label": Leaf(lambda snapshot: snapshot.label),
        "verificationLevel": Leaf(lambda snapshot: snapshot.verification_level),
        "claimStatus": Leaf(lambda snapshot: snapshot.claim_status),
    },
}
