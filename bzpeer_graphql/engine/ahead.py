"""Loading ahead: what the levels below a batch will ask of the nodes it brings (their works,
authors, coauthors, counts...) joins the same round trip, keyed in Cypher by the ids of the nodes
found, so a query whose levels all hang on node ids costs one round trip."""

from __future__ import annotations

from collections.abc import Callable, Hashable, Iterator
from dataclasses import dataclass, field
from typing import Any

from bzpeer_graphql.db import bundle
from bzpeer_graphql.db.bundle import Derived
from bzpeer_graphql.engine.fields import Child, Load, Needs, Refused
from bzpeer_graphql.engine.plan import FieldPlan, Selection
from bzpeer_graphql.loaders.base import CypherLoader, LoaderScope, PageLoader, Want

#: the fields that lead from a loaded row or page to the node it holds (`edges { node }`, a
#: collaborator's `researcher`, a weighted topic's `topic`)
TO_NODE = frozenset({"edges", "node", "researcher", "topic"})
#: levels loaded ahead of the one asked for, and batches in one round trip, at most
MAX_DEPTH = 4
MAX_PARTS = 16
_PROBES = ("\x00probe-1", "\x00probe-2")
#: argument sets a field keeps its `_keyed` answer for (variables can make many)
MAX_KEYED = 64


@dataclass
class Part:
    """One loader batch of a round trip: its keys, or where they come from (`derived`: the
    nodes of an earlier part, each id made a key per template by `key_of`); `fields` are the
    plan's fields whose objects the batch brings."""

    loader: type[CypherLoader]
    want: Want
    keys: list[Hashable]
    fields: list[FieldPlan]
    derived: Derived | None = None
    #: per template (`$templates`), how an id becomes the Python key
    key_of: list[Callable[[Any], Hashable]] = field(default_factory=list)
    templates: list[Any] = field(default_factory=list)
    params: dict[str, Any] = field(default_factory=dict)
    depth: int = 0


def _reached(selection: Selection | None) -> Iterator[FieldPlan]:
    """The loader-backed fields of the objects a selection's node leads to."""
    if selection is None:
        return
    for planned in selection.fields:
        if isinstance(planned.spec, Load) and planned.by_type is None:
            yield planned
        elif isinstance(planned.spec, Child) and planned.name in TO_NODE:
            yield from _reached(planned.selection)


def _nodes(part: Part) -> tuple[bool, bool] | None:
    """Where a part's rows hold their nodes (in pages' items or in each row) and whether the
    nodes are projected to lists; None when the rows hold none."""
    projected = part.loader.projects and part.want.props is not None
    if issubclass(part.loader, PageLoader):
        return True, projected
    if "node" in bundle.columns(f"{part.loader.folder}/{part.loader.query}"):
        return False, projected
    return None


def _keyed(
    planned: FieldPlan, args: Any, loader: CypherLoader
) -> tuple[Callable[[Any], Hashable], Any] | None:
    """How a node id becomes the field's loader key, and the key as Cypher builds it from the
    id (None: the id itself; else a template map whose `id` is set), or None when the key
    depends on more than the id. Kept with the plan for the arguments it was found for."""
    try:
        return planned.keyed[args]  # type: ignore[no-any-return]
    except KeyError:
        pass
    except TypeError:  # arguments that cannot be a key: found each time
        return _probed(planned, args, loader)
    if len(planned.keyed) >= MAX_KEYED:
        planned.keyed.clear()
    found = planned.keyed[args] = _probed(planned, args, loader)
    return found


def _probed(
    planned: FieldPlan, args: Any, loader: CypherLoader
) -> tuple[Callable[[Any], Hashable], Any] | None:
    spec = planned.spec
    assert isinstance(spec, Load)

    def key_of(node_id: Any) -> Hashable:
        return spec.key({"id": node_id}, args)

    try:
        wires = [loader.wire_key(key_of(probe)) for probe in _PROBES]
    except (KeyError, TypeError, AttributeError):
        return None
    if wires == list(_PROBES):
        return key_of, None
    if all(isinstance(w, dict) and w.get("id") == p for w, p in zip(wires, _PROBES, strict=True)):
        first, second = ({**w, "id": None} for w in wires)
        if first == second:
            return key_of, first
    return None


def ahead(parts: list[Part], arguments: dict[int, Any], scope: LoaderScope) -> list[Part]:
    """`parts` followed by what the levels below will load for the nodes they bring."""
    planned_parts = list(parts)
    at = 0
    while at < len(planned_parts) and len(planned_parts) < MAX_PARTS:
        source = planned_parts[at]
        index = at
        at += 1
        if source.depth >= MAX_DEPTH:
            continue
        where = _nodes(source)
        if where is None:
            continue
        items, projected = where
        below = [child for planned in source.fields for child in _reached(planned.selection)]
        needs: dict[type[CypherLoader], Needs] = {}
        for child in below:
            assert isinstance(child.spec, Load)
            child_needs = needs.get(child.spec.loader, Needs())
            if child.selection is not None:
                child_needs = child_needs | child.selection.needs
            needs[child.spec.loader] = child_needs
        grouped: dict[tuple[type[CypherLoader], bool], Part] = {}
        for child in below:
            assert isinstance(child.spec, Load)
            loader_type = child.spec.loader
            want = needs[loader_type].want() if loader_type.projects else Want()
            loader = loader_type.for_plan(scope, want)
            if isinstance(arguments[id(child)], Refused):
                continue  # its level fails it for every parent; nothing to load ahead
            keyed = _keyed(child, arguments[id(child)], loader)
            if keyed is None or not _bundled(loader):
                continue
            key_of, template = keyed
            part = grouped.get((loader_type, template is not None))
            if part is None:
                if len(planned_parts) >= MAX_PARTS:
                    continue
                params = {**loader.params([key_of(_PROBES[0])]), **_want_params(loader)}
                if projected:
                    assert source.want.props is not None
                    params["at"] = source.want.props.index("id")
                derived = Derived(index, items, projected, template is not None)
                part = Part(loader_type, want, [], [], derived, params=params)
                part.depth = source.depth + 1
                grouped[(loader_type, template is not None)] = part
                planned_parts.append(part)
            part.fields.append(child)
            if template not in part.templates:
                part.templates.append(template)
                part.key_of.append(key_of)
            if "limit" in part.params:
                # pages of several sizes in one batch: each file slices to its key's `first`
                limit = loader.params([key_of(_PROBES[0])])["limit"]
                part.params["limit"] = max(part.params["limit"], limit)
    return planned_parts


def _bundled(loader: CypherLoader) -> bool:
    try:
        bundle.columns(loader.name)
    except bundle.NotBundled:
        return False
    return True


def _want_params(loader: CypherLoader) -> dict[str, Any]:
    return loader.want.params() if loader.projects else {}
