"""What the planner covers, field by field. Each entry mirrors its resolver in `graph/`, which
stays the definition graphql-core runs; the equivalence test holds the two equal."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any, cast

from bzpeer_graphql.engine.fields import (
    Call,
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
from bzpeer_graphql.graph.neighbourhood import NodeKind, check, neighbourhood_slice
from bzpeer_graphql.graph.node import GraphInfo, list_key
from bzpeer_graphql.graph.pagination import Page, page
from bzpeer_graphql.loaders.base import CypherLoader
from bzpeer_graphql.loaders.paper import (
    PaperAuthors,
    PaperById,
    PaperCitedBy,
    PaperReferences,
    PapersPage,
)
from bzpeer_graphql.loaders.researcher import (
    ResearcherAffiliations,
    ResearcherById,
    ResearcherCoauthors,
    ResearcherStats,
    ResearcherWorks,
)
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.trust import trust_from_stats

SORTED = Needs(sorted=True)


def _conn(result: Row | None, request: Page, ordering: str, props: Props | None) -> Conn:
    """What `pagination.build_edges` makes of a page loader's result, for the planner."""
    items = result["items"] if result else []
    total = result["total"] if result else 0
    has_next = len(items) > request.first
    items = items[: request.first]
    for item in items:
        item["node"] = node(item["node"], props)
        if "citedByCount" in item and "citedByCount" not in item["node"]:
            item["node"]["citedByCount"] = item["citedByCount"]
    conn = Conn(items, total, has_next, request.after is not None, ordering)
    conn.edges = [(item, conn) for item in items]
    return conn


@dataclass(frozen=True)
class PageArgs:
    request: Page
    ordering: str
    options: tuple[tuple[str, Any], ...] = ()


def _page_load(
    loader: type[CypherLoader],
    ordering: Callable[[dict[str, Any]], str],
    options: Callable[[dict[str, Any]], dict[str, Any]] = lambda args: {},
) -> Load:
    def args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> PageArgs:
        named = ordering(given)
        request = page(given.get("first"), given.get("after"), settings, named)
        return PageArgs(request, named, tuple(options(given).items()))

    def key(source: Row, args: PageArgs) -> Hashable:
        return list_key(source["id"], args.request, **dict(args.options))

    def shape(value: Any, args: PageArgs, props: Props | None) -> Conn:
        return _conn(value, args.request, args.ordering, props)

    return Load(loader, args, key, shape)


def _filter_options(given: dict[str, Any] | None, names: tuple[str, ...]) -> dict[str, Any]:
    """`lists.filter_options` of a filter argument as graphql-core coerced it."""
    given = given or {}
    options: dict[str, Any] = {}
    for name in names:
        value = given.get(name)
        options[name] = value.lower() if name.endswith("Contains") and value is not None else value
    return options


WORK_FILTER = (
    "yearFrom",
    "yearTo",
    "type",
    "venue",
    "titleContains",
    "topic",
    "institution",
    "author",
)


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


def _papers_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> PageArgs:
    ordering = f"PAPERS_{given['orderBy'].value}"
    request = page(given.get("first"), given.get("after"), settings, ordering)
    options = _filter_options(given.get("filter"), WORK_FILTER)
    key = list_key(
        "all",
        request,
        order=given["orderBy"],
        withTotal="totalCount" in selected,
        filtered=any(value is not None for value in options.values()),
        **options,
    )
    return PageArgs(request, ordering, (("key", key),))


def _start_cursor(conn: Conn) -> str | None:
    return conn.cursor(conn.items[0]) if conn.items else None


def _end_cursor(conn: Conn) -> str | None:
    return conn.cursor(conn.items[-1]) if conn.items else None


@dataclass(frozen=True)
class _Info:
    """What `neighbourhood_slice` reads of a resolver's info: the request's context."""

    context: Any


def _slice_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Any:
    check(given["depth"], given["limitPerNode"], given["maxNodes"])
    return given


async def _neighbourhood(source: Any, args: dict[str, Any], context: Any) -> Any:
    return await neighbourhood_slice(
        cast(GraphInfo, _Info(context)),
        str(args["id"]),
        None,
        args["depth"],
        args["kinds"],
        args["limitPerNode"],
        args["maxNodes"],
    )


def _graph(kind: NodeKind) -> Call:
    """A node's own `graph` field: the slice centered on it."""

    async def run(source: Row, args: dict[str, Any], context: Any) -> Any:
        return await neighbourhood_slice(
            cast(GraphInfo, _Info(context)),
            str(source["id"]),
            kind,
            args["depth"],
            args["kinds"],
            args["limitPerNode"],
            args["maxNodes"],
        )

    return Call(run, _slice_args)


def _attr(name: str) -> Leaf:
    return Leaf(lambda value: getattr(value, name))


def _prop(name: str) -> Needs:
    return Needs(props=frozenset({name}))


def _get(name: str) -> Leaf:
    return Leaf(lambda row: row.get(name), _prop(name))


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
    "works": _page_load(ResearcherWorks, lambda given: str(given["orderBy"].name), _works_options),
    "coauthors": _page_load(
        ResearcherCoauthors,
        lambda given: "COAUTHORS",
        lambda given: {"minShared": max(1, given["minSharedWorks"])},
    ),
    "graph": _graph(NodeKind.RESEARCHER),
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
        for name in ("abstract", "year", "type", "venue", "doi", "arxivId", "url", "codeUrl")
    },
    "openAccess": _get("openAccess"),
    "citedByCount": Leaf(lambda row: row["citedByCount"], Needs(cites=True)),
    "authors": Load(
        PaperAuthors,
        _own_id,
        _by_own_id,
        lambda rows, args, props: [node(row["node"], props) for row in rows],
    ),
    "graph": _graph(NodeKind.PAPER),
    "citedBy": _page_load(PaperCitedBy, lambda given: "CITATIONS"),
    "references": _page_load(PaperReferences, lambda given: "CITATIONS"),
}

INSTITUTION: dict[str, Spec] = {
    "id": ID,
    "name": _text("name"),
    "country": _get("country"),
    "ror": _get("ror"),
    "graph": _graph(NodeKind.INSTITUTION),
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
        "researcher": Load(ResearcherById, _id_args, lambda source, id: id, _node_or_none),
        "paper": Load(PaperById, _id_args, lambda source, id: id, _paper),
        "papers": Load(
            PapersPage,
            _papers_args,
            lambda source, args: args.options[0][1],
            lambda value, args, props: _conn(value, args.request, args.ordering, props),
        ),
        "neighbourhood": Call(_neighbourhood, _slice_args),
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
    "PaperConnection": CONNECTION,
    "CoauthorConnection": CONNECTION,
    "PaperEdge": EDGE,
    "CoauthorEdge": {
        **EDGE,
        "sharedWorks": Leaf(lambda edge: edge[0]["sharedWorks"]),
    },
    "PageInfo": {
        "hasNextPage": Leaf(lambda conn: conn.has_next),
        "hasPreviousPage": Leaf(lambda conn: conn.has_previous),
        "startCursor": Leaf(_start_cursor, SORTED),
        "endCursor": Leaf(_end_cursor, SORTED),
    },
    "Collaborator": {
        "researcher": Child(lambda item: item["node"]),
        "sharedWorks": Leaf(lambda item: item["sharedWorks"]),
    },
    "ResearcherCounts": {
        name: Leaf(lambda stats, name=name: stats[name])  # type: ignore[misc]
        for name in ("works", "followers", "topics", "closeCollaborators", "coauthors", "citations")
    },
    "Trust": {
        "score": Leaf(lambda snapshot: snapshot.score),
        "label": Leaf(lambda snapshot: snapshot.label),
        "verificationLevel": Leaf(lambda snapshot: snapshot.verification_level),
        "claimStatus": Leaf(lambda snapshot: snapshot.claim_status),
    },
}
