"""Errors met while a plan runs, answered as graphql-core answers a resolver's error: located at
the field's path, the field null, and a null in a non-null place carried up to the nearest
nullable one. Errors are rare, so their paths are found afterwards by one walk of the answer."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    GraphQLError,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    located_error,
)
from graphql.pyutils import Path

from bzpeer_graphql.engine.complete import NullForNonNull
from bzpeer_graphql.engine.fields import Refused
from bzpeer_graphql.engine.plan import FieldPlan, Selection

Out = dict[str, Any]
#: where an object or list sits: its container, its key or index there, and the type of that place
Place = tuple[Any, Any, GraphQLOutputType]


@dataclass
class Failure:
    """A field that failed for one parent: the error, the field, the parent's output."""

    error: BaseException
    planned: FieldPlan
    out: Out


def settle(
    selection: Selection,
    root: Out,
    failures: list[Failure],
    chosen: dict[int, Selection],
) -> tuple[Out | None, list[tuple[GraphQLError, Path | None]]]:
    """The answer with each failed field nulled (and its nulls carried up), and the errors with
    their paths; `chosen` gives the selection written into an object of an abstract type."""
    places = _places(selection, root, chosen)
    errors: list[tuple[GraphQLError, Path | None]] = []
    answer: Out | None = root
    for failure in failures:
        planned = failure.planned
        keys = [*_path(places, failure.out), planned.key]
        raw = failure.error
        if isinstance(raw, NullForNonNull):
            raw = GraphQLError(
                f"Cannot return null for non-nullable field {planned.parent.name}.{planned.name}."
            )
        located = located_error(raw, planned.nodes, keys)  # type: ignore[arg-type]
        container: Any = failure.out
        slot: Any = planned.key
        slot_type: GraphQLOutputType = planned.type
        nulled: Path | None = None
        while True:
            container[slot] = None
            if not isinstance(slot_type, GraphQLNonNull):
                nulled = _as_path([*_path(places, container), slot])
                break
            if container is root:
                answer = None
                break
            where = places.get(id(container))
            if not where:
                break
            container, slot, slot_type = where[0]
        # the place that became null: graphql-core reports no later error beneath it
        errors.append((located, nulled))
    return answer, errors


def _places(
    selection: Selection, root: Out, chosen: dict[int, Selection]
) -> dict[int, list[Place]]:
    """Where every object and list of the answer sits, by identity."""
    places: dict[int, list[Place]] = {}

    def visit(chosen_selection: Selection, out: Out) -> None:
        for planned in chosen_selection.fields:
            value = out.get(planned.key)
            if value is None or (planned.selection is None and planned.by_type is None):
                continue
            places.setdefault(id(value), []).append((out, planned.key, planned.type))
            of = planned.type.of_type if isinstance(planned.type, GraphQLNonNull) else planned.type
            if isinstance(of, GraphQLList):
                for index, item in enumerate(value):
                    if isinstance(item, dict):
                        places.setdefault(id(item), []).append((value, index, of.of_type))
                        visit_object(planned, item)
            elif isinstance(value, dict):
                visit_object(planned, value)

    def visit_object(planned: FieldPlan, out: Out) -> None:
        inner = planned.selection if planned.selection is not None else chosen.get(id(out))
        if inner is not None:
            visit(inner, out)

    visit(selection, root)
    return places


def _path(places: dict[int, list[Place]], out: Out) -> list[Any]:
    """The keys and indexes from the answer's root to `out`."""
    keys: list[Any] = []
    current: Any = out
    while True:
        where = places.get(id(current))
        if not where:
            break
        container, slot, _ = where[0]
        keys.append(slot)
        current = container
    keys.reverse()
    return keys


def _as_path(keys: list[Any]) -> Path:
    path: Path | None = None
    for key in keys:
        path = Path(path, key, None)
    assert path is not None
    return path


def nulled_at_once(selection: Selection, arguments: dict[int, Any]) -> bool:
    """Whether a non-null root field's arguments are refused. graphql-core checks a root field's
    arguments as it starts the field, before any round trip, so such a field nulls `data` before
    anything below the root has run: only errors of root fields are reported then."""
    return any(
        isinstance(arguments.get(id(planned)), Refused) and isinstance(planned.type, GraphQLNonNull)
        for planned in selection.fields
    )
