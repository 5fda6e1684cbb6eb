"""Runs a plan breadth first: each level's loader-backed fields in one batch per loader for all
their parents, then the answer written into the response's dicts in the selection's order."""

from __future__ import annotations

import asyncio
import math
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    GraphQLBoolean,
    GraphQLEnumType,
    GraphQLFloat,
    GraphQLID,
    GraphQLInt,
    GraphQLLeafType,
    GraphQLList,
    GraphQLNonNull,
    GraphQLOutputType,
    GraphQLString,
    get_named_type,
)
from graphql.execution.values import VariableValues, get_argument_values

from bzpeer_graphql.context import Context
from bzpeer_graphql.engine.ahead import Part, ahead
from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Needs
from bzpeer_graphql.engine.plan import FieldPlan, Selection, walk
from bzpeer_graphql.loaders.base import CypherLoader, Want

Out = dict[str, Any]


class Fallback(Exception):
    """The plan met something only graphql-core answers exactly (an error, a null where the
    schema promises a value): the operation runs again through graphql-core."""


def _string(value: Any) -> Any:
    return value if type(value) is str else _slow


def _int(value: Any) -> Any:
    return value if type(value) is int and -(2**31) <= value < 2**31 else _slow


def _float(value: Any) -> Any:
    return value if type(value) is float and math.isfinite(value) else _slow


def _boolean(value: Any) -> Any:
    return value if type(value) is bool else _slow


_slow = object()
#: value types whose equal values serialise alike (an enum member hashes as itself)
_HASHABLE = (str, int)
#: leaf types whose values graphql-core returns unchanged when they are of this Python type
_EXACT: dict[str, type] = {"String": str, "ID": str, "Boolean": bool}
_FAST: dict[Any, Callable[[Any], Any]] = {
    GraphQLString.name: _string,
    GraphQLID.name: _string,
    GraphQLInt.name: _int,
    GraphQLFloat.name: _float,
    GraphQLBoolean.name: _boolean,
}


def completer(of: GraphQLOutputType) -> Callable[[Any], Any]:
    """Completes a leaf value of type `of` as graphql-core does, or raises `Fallback`."""
    nonnull = isinstance(of, GraphQLNonNull)
    inner = of.of_type if isinstance(of, GraphQLNonNull) else of
    if isinstance(inner, GraphQLList):
        item = completer(inner.of_type)

        def complete_list(value: Any) -> Any:
            if value is None:
                if nonnull:
                    raise Fallback("null in a non-null list")
                return None
            return [item(v) for v in value]

        return complete_list
    leaf: GraphQLLeafType = inner  # type: ignore[assignment]
    fast = _FAST.get(leaf.name)
    #: an enum's few values, each serialised once: the same value always gives the same name
    names: dict[Any, Any] | None = {} if isinstance(leaf, GraphQLEnumType) else None

    def complete(value: Any) -> Any:
        if value is None:
            if nonnull:
                raise Fallback("null in a non-null field")
            return None
        if fast is not None:
            done = fast(value)
            if done is not _slow:
                return done
        if names is not None and (type(value) in _HASHABLE or isinstance(value, Enum)):
            name = names.get(value)
            if name is None:
                name = names[value] = serialise(value)
            return name
        return serialise(value)

    def serialise(value: Any) -> Any:
        coerced = leaf.coerce_output_value(value)
        if coerced is None:
            raise Fallback("a value the type cannot serialise")
        return coerced

    return complete


@dataclass
class _Task:
    """A loader-backed field waiting for its level: its parents' sources and output dicts."""

    planned: FieldPlan
    spec: Load | Call
    args: Any
    sources: list[Any]
    outs: list[Out]


class Run:
    """One execution of a plan within one request."""

    def __init__(self, context: Context, variables: VariableValues) -> None:
        self.context = context
        self.variables = variables
        self.pending: list[_Task] = []
        #: loaded values by (loader, want) and key, for later levels of this request
        self.loaded: dict[tuple[type[CypherLoader], Want], dict[Hashable, Any]] = {}
        self.completers: dict[int, Callable[[Any], Any]] = {}
        self.arguments: dict[int, Any] = {}

    def prepare(self, selection: Selection) -> None:
        """Every field's arguments: they depend on variables only, so a refused one hands the
        operation to graphql-core before anything runs."""
        self.arguments = {
            id(planned): self.args(planned)
            for planned in walk(selection)
            if isinstance(planned.spec, Load | Call)
        }

    async def execute(self, selection: Selection) -> Out:
        root: Out = {}
        self.write(selection, [None], [root])
        while self.pending:
            tasks, self.pending = self.pending, []
            await self.level(tasks)
        return root

    def write(self, selection: Selection, sources: list[Any], outs: list[Out]) -> None:
        """Fills `outs` (one per source) with the selection's fields, in order; loader-backed
        fields get a placeholder and wait for the next level."""
        for planned in selection.fields:
            key = planned.key
            spec = planned.spec
            if spec is None:
                for out in outs:
                    out[key] = selection.type_name
            elif isinstance(spec, Leaf):
                complete = self.completers.get(id(planned))
                if complete is None:
                    complete = self.completers[id(planned)] = completer(planned.type)
                get = spec.get
                exact = _EXACT.get(get_named_type(planned.type).name)
                if exact is None:
                    for source, out in zip(sources, outs, strict=True):
                        out[key] = complete(get(source))
                else:
                    # the common case inline: a value of the very type graphql-core returns
                    for source, out in zip(sources, outs, strict=True):
                        value = get(source)
                        out[key] = value if type(value) is exact else complete(value)
            elif isinstance(spec, Child):
                get = spec.get
                self.place(planned, [get(source) for source in sources], outs)
            else:
                for out in outs:
                    out[key] = None
                if sources:
                    self.pending.append(
                        _Task(planned, spec, self.arguments[id(planned)], sources, outs)
                    )

    def args(self, planned: FieldPlan) -> Any:
        assert isinstance(planned.spec, Load | Call) and planned.definition is not None
        given = get_argument_values(planned.definition, planned.node, self.variables)
        selected = planned.selection.names if planned.selection else frozenset()
        return planned.spec.args(given, self.context.settings, selected)

    def place(self, planned: FieldPlan, values: list[Any], outs: list[Out]) -> None:
        """Puts each parent's object (or list of objects) in place and writes their fields."""
        key = planned.key
        of = planned.type
        nonnull = isinstance(of, GraphQLNonNull)
        inner = of.of_type if isinstance(of, GraphQLNonNull) else of
        sources: list[Any] = []
        children: list[Out] = []
        if isinstance(inner, GraphQLList):
            items_nonnull = isinstance(inner.of_type, GraphQLNonNull)
            for value, out in zip(values, outs, strict=True):
                if value is None:
                    if nonnull:
                        raise Fallback(f"null for {key}")
                    out[key] = None
                    continue
                listed: list[Out | None] = []
                for item in value:
                    if item is None:
                        if items_nonnull:
                            raise Fallback(f"null item in {key}")
                        listed.append(None)
                        continue
                    child: Out = {}
                    listed.append(child)
                    sources.append(item)
                    children.append(child)
                out[key] = listed
        else:
            for value, out in zip(values, outs, strict=True):
                if value is None:
                    if nonnull:
                        raise Fallback(f"null for {key}")
                    out[key] = None
                    continue
                child = {}
                out[key] = child
                sources.append(value)
                children.append(child)
        if planned.by_type is None:
            assert planned.selection is not None
            self.write(planned.selection, sources, children)
            return
        # a union or interface: each object with the selection on its own type
        groups: dict[str, tuple[list[Any], list[Out]]] = {}
        for (type_name, source), child in zip(sources, children, strict=True):
            group = groups.setdefault(type_name, ([], []))
            group[0].append(source)
            group[1].append(child)
        for type_name, (group_sources, group_children) in groups.items():
            self.write(planned.by_type[type_name], group_sources, group_children)

    async def level(self, tasks: list[_Task]) -> None:
        """One round trip for every loader batch of this level and for what the levels below
        will ask of the nodes they bring (see `ahead`), then their subtrees."""
        by_loader: dict[type[CypherLoader], list[_Task]] = {}
        calls: list[_Task] = []
        for task in tasks:
            if isinstance(task.spec, Call):
                calls.append(task)
            else:
                by_loader.setdefault(task.spec.loader, []).append(task)
        wants: dict[type[CypherLoader], Want] = {}
        keyed: list[list[list[Hashable]]] = []
        parts: list[Part] = []
        for loader, group in by_loader.items():
            needs = Needs()
            for task in group:
                if task.planned.selection is not None:
                    needs = needs | task.planned.selection.needs
            want = wants[loader] = needs.want() if loader.projects else Want()
            cached = self.loaded.setdefault((loader, want), {})
            group_keys = []
            missing: dict[Hashable, None] = {}
            for task in group:
                assert isinstance(task.spec, Load)
                task_keys = [task.spec.key(source, task.args) for source in task.sources]
                group_keys.append(task_keys)
                missing.update((k, None) for k in task_keys if k not in cached)
            keyed.append(group_keys)
            if missing:
                fields = [task.planned for task in group if task.planned.by_type is None]
                parts.append(Part(loader, want, list(missing), fields))
        called = asyncio.gather(*(self.call(task) for task in calls))
        results, _ = await asyncio.gather(
            called, self.fetch(ahead(parts, self.arguments, self.context.scope))
        )
        for task, values in zip(calls, results, strict=True):
            self.place(task.planned, values, task.outs)
        for (loader, group), group_keys in zip(by_loader.items(), keyed, strict=True):
            want = wants[loader]
            cached = self.loaded[(loader, want)]
            props = want.props if loader.projects else None
            for task, task_keys in zip(group, group_keys, strict=True):
                self.place_once(task, [cached[k] for k in task_keys], task_keys, props)

    def place_once(self, task: _Task, loaded: list[Any], keys: list[Hashable], props: Any) -> None:
        """Places a loaded field for its parents, writing the subtree of each distinct key once:
        a parent whose key came before gets the same (finished) value. The subtree depends on
        the loaded value, the field's arguments and selection only, so it is the same answer;
        coauthors of coauthors repeat the same people 2-3 times over."""
        assert isinstance(task.spec, Load)
        shape = task.spec.shape
        args = task.args
        firsts: dict[Hashable, Out] = {}
        values: list[Any] = []
        outs: list[Out] = []
        repeats: list[tuple[Out, Out]] = []
        for value, key, out in zip(loaded, keys, task.outs, strict=True):
            first = firsts.get(key)
            if first is None:
                firsts[key] = out
                values.append(shape(value, args, props))
                outs.append(out)
            else:
                repeats.append((out, first))
        self.place(task.planned, values, outs)
        name = task.planned.key
        for out, first in repeats:
            out[name] = first[name]

    async def call(self, task: _Task) -> list[Any]:
        """A `Call` field for each parent, side by side."""
        spec = task.spec
        assert isinstance(spec, Call)
        runs = (spec.run(source, task.args, self.context) for source in task.sources)
        return list(await asyncio.gather(*runs))

    async def fetch(self, parts: list[Part]) -> None:
        """Loads every part into `loaded`, all in one round trip."""
        if not parts:
            return
        scope = self.context.scope
        loaders = [part.loader(scope, part.want) for part in parts]
        requests = []
        wires = []
        for part, loader in zip(parts, loaders, strict=True):
            if part.derived is None:
                wire, params = loader.request(part.keys)
            else:
                wire, params = [], {**part.params, "templates": part.templates}
                scope.fetched.append((loader.query, part.want))
            wires.append(wire)
            requests.append((loader.name, params, part.derived))
        answers = await scope.db.read_together(requests, scope.trips, scope.bookmarks)
        for part, loader, wire, (rows, made, derived_wire) in zip(
            parts, loaders, wires, answers, strict=True
        ):
            if part.derived is not None:
                part.keys = [part.key_of[which](node_id) for node_id, which in made]
                wire = derived_wire
            into = self.loaded.setdefault((part.loader, part.want), {})
            values = loader.answer(part.keys, wire, rows)
            for value in values:
                if isinstance(value, Exception):
                    # a key the loader refuses (a filter naming nothing): graphql-core answers
                    # the operation, and so the error, from a clean slate
                    raise value
            into.update(zip(part.keys, values, strict=True))
