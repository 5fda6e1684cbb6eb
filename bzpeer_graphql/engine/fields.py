"""The fields the planner covers, and how each is had: from its parent's row (`Leaf`, `Child`) or
through one loader batch for all parents of a level (`Load`). Each mirrors its resolver in
`graph/`, which stays the definition graphql-core runs; the equivalence test holds them equal."""

from __future__ import annotations

from collections.abc import Callable, Hashable
from dataclasses import dataclass, field
from typing import Any

from bzpeer_graphql.graph.node import list_key
from bzpeer_graphql.graph.pagination import Page, encode_cursor, page
from bzpeer_graphql.loaders.base import CypherLoader, Want
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

Row = dict[str, Any]
Props = tuple[str, ...]


@dataclass(frozen=True)
class Needs:
    """What a field needs from the loader that brought its parent."""

    props: frozenset[str] = frozenset()
    cites: bool = False
    sorted: bool = False

    def __or__(self, other: Needs) -> Needs:
        return Needs(
            self.props | other.props, self.cites or other.cites, self.sorted or other.sorted
        )

    def want(self) -> Want:
        return Want(tuple(sorted(self.props | {"id"})), self.cites, self.sorted)


NOTHING = Needs()
SORTED = Needs(sorted=True)


@dataclass(frozen=True)
class Leaf:
    """A scalar or enum (or a list of them) read from the parent's source."""

    get: Callable[[Any], Any]
    needs: Needs = NOTHING


@dataclass(frozen=True)
class Child:
    """An object (or list of objects) made from the parent's source, without a round trip."""

    get: Callable[[Any], Any]
    needs: Needs = NOTHING


@dataclass(frozen=True)
class Load:
    """An object (or list) one loader batch brings for all parents of a level.

    `args(arguments, settings, selected)` runs once per field per operation (`selected`: the
    names the field's own selection asks for); `key(source, args)` gives each parent's loader
    key; `shape(value, args, props)` turns a loaded value into the field's source.
    """

    loader: type[CypherLoader]
    args: Callable[[dict[str, Any], Settings, frozenset[str]], Any]
    key: Callable[[Any, Any], Hashable]
    shape: Callable[[Any, Any, Props | None], Any]


Spec = Leaf | Child | Load


@dataclass
class Conn:
    """A page of a connection as its fields read it."""

    items: list[Row]
    total: Any
    has_next: bool
    has_previous: bool
    ordering: str
    edges: list[tuple[Row, Conn]] = field(default_factory=list)

    def cursor(self, item: Row) -> str:
        return encode_cursor(list(item["sort"]), self.ordering)


def node(value: Any, props: Props | None) -> Row:
    """A node as a map: as loaded when every property came, else from its projected values."""
    if props is None or isinstance(value, dict):
        return value  # type: ignore[no-any-return]
    return dict(zip(props, value, strict=True))


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
    "citedBy": _page_load(PaperCitedBy, lambda given: "CITATIONS"),
    "references": _page_load(PaperReferences, lambda given: "CITATIONS"),
}

INSTITUTION: dict[str, Spec] = {
    "id": ID,
    "name": _text("name"),
    "country": _get("country"),
    "ror": _get("ror"),
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
    },
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
