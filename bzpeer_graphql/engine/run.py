"""Runs a plan breadth first: each level's loader-backed fields in one batch per loader for all
their parents, then the answer written into the response's dicts in the selection's order. An
error fails its field for its parent only (`failures`), as a resolver's error would."""

from __future__ import annotations

import asyncio
import inspect
from collections.abc import Callable, Hashable
from dataclasses import dataclass
from typing import Any

from graphql import GraphQLList, GraphQLNonNull, get_named_type
from graphql.execution.values import VariableValues, get_argument_values
from graphql.pyutils import Path

from bzpeer_graphql.context import Context
from bzpeer_graphql.engine.ahead import Part, ahead
from bzpeer_graphql.engine.arguments import KeptArguments, kept, variables_read
from bzpeer_graphql.engine.bind import typename
from bzpeer_graphql.engine.complete import EXACT, NullForNonNull, completer
from bzpeer_graphql.engine.failures import Failure
from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Needs, Refused, Step
from bzpeer_graphql.engine.fields import given as as_given
from bzpeer_graphql.engine.plan import FieldPlan, Selection, argued
from bzpeer_graphql.loaders.base import CypherLoader, Want

Out = dict[str, Any]
#: what a value is when its field failed for that parent
_FAILED = (Refused, BaseException)


@dataclass
class _Task:
    """A field waiting for its level: its parents' sources (for a `Call`, the awaitables it
    started) and output dicts."""

    planned: FieldPlan
    spec: Load | Call | Step
    args: Any
    sources: list[Any]
    outs: list[Out]


class Run:
    """One execution of a plan within one request; `executor` gives a `Step` its resolve info."""

    def __init__(self, context: Context, variables: VariableValues, executor: Any = None) -> None:
        self.context = context
        self.variables = variables
        self.executor = executor
        self.pending: list[_Task] = []
        #: loaded values by (loader, want) and key, for later levels of this request
        self.loaded: dict[tuple[type[CypherLoader], Want], dict[Hashable, Any]] = {}
        self.arguments: dict[int, Any] = {}
        self.failures: list[Failure] = []
        #: the selection written into each object of an abstract type, by the object's identity
        self.chosen: dict[int, Selection] = {}

    def prepare(self, selection: Selection) -> None:
        """Every field's arguments, checked once: they depend on variables only."""
        for planned in argued(selection):
            try:
                self.arguments[id(planned)] = self.args(planned)
            except Exception as error:
                self.arguments[id(planned)] = Refused(error)

    async def execute(self, selection: Selection) -> Out:
        root: Out = {}
        self.write(selection, [None], [root])
        while self.pending:
            tasks, self.pending = self.pending, []
            await self.level(tasks)
        return root

    def fail(self, error: BaseException, planned: FieldPlan, out: Out) -> None:
        out[planned.key] = None
        self.failures.append(Failure(error, planned, out))

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
                try:
                    self.leaves(planned, spec.get, sources, outs)
                except Exception:
                    self.leaves_one_by_one(planned, spec.get, sources, outs)
            elif isinstance(spec, Child):
                values = []
                for source in sources:
                    try:
                        values.append(spec.get(source))
                    except Exception as error:
                        values.append(Refused(error))
                self.place(planned, values, outs)
            else:
                args = self.arguments[id(planned)]
                for out in outs:
                    out[key] = None
                if isinstance(args, Refused):
                    for out in outs:
                        self.fail(args.error, planned, out)
                elif isinstance(spec, Call):
                    self.call_now(planned, spec, args, sources, outs)
                elif sources:
                    self.pending.append(_Task(planned, spec, args, sources, outs))

    def call_now(
        self, planned: FieldPlan, spec: Call, args: Any, sources: list[Any], outs: list[Out]
    ) -> None:
        """A `Call` for each parent at once: a value at hand is written now (a citation count
        the page brought), only what has to load waits for the next level."""
        ready: list[Any] = []
        ready_outs: list[Out] = []
        waiting: list[Any] = []
        waiting_outs: list[Out] = []
        for source, out in zip(sources, outs, strict=True):
            try:
                value = spec.run(source, args, self.context)
            except Exception as error:
                value = error
            if inspect.isawaitable(value):
                waiting.append(value)
                waiting_outs.append(out)
            else:
                ready.append(value)
                ready_outs.append(out)
        if ready:
            self.place(planned, ready, ready_outs)
        if waiting:
            self.pending.append(_Task(planned, spec, args, waiting, waiting_outs))

    def completer(self, planned: FieldPlan) -> Callable[[Any], Any]:
        complete = planned.complete
        if complete is None:
            complete = planned.complete = completer(planned.type)
            planned.exact = EXACT.get(get_named_type(planned.type).name)
        return complete

    def leaves(
        self, planned: FieldPlan, get: Callable[[Any], Any], sources: list[Any], outs: list[Out]
    ) -> None:
        key = planned.key
        complete = self.completer(planned)
        exact = planned.exact
        if exact is None:
            for source, out in zip(sources, outs, strict=True):
                out[key] = complete(get(source))
        else:
            # the common case inline: a value of the very type graphql-core returns
            for source, out in zip(sources, outs, strict=True):
                value = get(source)
                out[key] = value if type(value) is exact else complete(value)

    def leaves_one_by_one(
        self, planned: FieldPlan, get: Callable[[Any], Any], sources: list[Any], outs: list[Out]
    ) -> None:
        """`leaves` when one of them failed: each parent's value on its own."""
        complete = self.completer(planned)
        for source, out in zip(sources, outs, strict=True):
            try:
                out[planned.key] = complete(get(source))
            except Exception as error:
                self.fail(error, planned, out)

    def args(self, planned: FieldPlan) -> Any:
        spec = planned.spec
        if isinstance(spec, Step) or (isinstance(spec, Call) and spec.args is as_given):
            return self._args(planned)
        if planned.arguments is None:
            planned.arguments = KeptArguments(variables_read(planned.node))
        return kept(
            planned.arguments, self.variables, self.context.settings, lambda: self._args(planned)
        )

    def _args(self, planned: FieldPlan) -> Any:
        spec = planned.spec
        assert isinstance(spec, Load | Call | Step) and planned.definition is not None
        given = get_argument_values(planned.definition, planned.node, self.variables)
        if isinstance(spec, Step):
            return given
        selected = planned.selection.names if planned.selection else frozenset()
        if planned.by_type:
            selected = frozenset().union(*(s.names for s in planned.by_type.values()))
        return spec.args(given, self.context.settings, selected)

    def place(self, planned: FieldPlan, values: list[Any], outs: list[Out]) -> None:
        """Puts each parent's value in place: a leaf completed, an object (or list of objects)
        with its fields written; a failed value fails the field for that parent."""
        key = planned.key
        of = planned.type
        if planned.selection is None and planned.by_type is None:
            complete = self.completer(planned)
            for value, out in zip(values, outs, strict=True):
                try:
                    if isinstance(value, Refused | BaseException):
                        raise value.error if isinstance(value, Refused) else value
                    out[key] = complete(value)
                except Exception as error:
                    self.fail(error, planned, out)
            return
        nonnull = isinstance(of, GraphQLNonNull)
        inner = of.of_type if isinstance(of, GraphQLNonNull) else of
        sources: list[Any] = []
        children: list[Out] = []
        listed_type = isinstance(inner, GraphQLList)
        items_nonnull = isinstance(inner, GraphQLList) and isinstance(inner.of_type, GraphQLNonNull)
        for value, out in zip(values, outs, strict=True):
            if value is None:
                if nonnull:
                    self.fail(NullForNonNull(), planned, out)
                else:
                    out[key] = None
                continue
            if isinstance(value, _FAILED):
                self.fail(value.error if isinstance(value, Refused) else value, planned, out)
                continue
            if not listed_type:
                child: Out = {}
                out[key] = child
                sources.append(value)
                children.append(child)
                continue
            if items_nonnull and None in value:
                self.fail(NullForNonNull(), planned, out)
                continue
            listed: list[Out | None] = []
            for item in value:
                if item is None:
                    listed.append(None)
                    continue
                child = {}
                listed.append(child)
                sources.append(item)
                children.append(child)
            out[key] = listed
        if planned.by_type is None:
            assert planned.selection is not None
            self.write(planned.selection, sources, children)
            return
        # an interface or union: each object with the selection on its own type
        groups: dict[str, tuple[list[Any], list[Out]]] = {}
        for source, child in zip(sources, children, strict=True):
            group = groups.setdefault(typename(source), ([], []))
            group[0].append(source)
            group[1].append(child)
        for type_name, (group_sources, group_children) in groups.items():
            selection = planned.by_type[type_name]
            for child in group_children:
                self.chosen[id(child)] = selection
            self.write(selection, group_sources, group_children)

    async def level(self, tasks: list[_Task]) -> None:
        """One round trip for every loader batch of this level and for what the levels below
        will ask of the nodes they bring (see `ahead`), then their subtrees."""
        by_loader: dict[type[CypherLoader], list[_Task]] = {}
        calls: list[_Task] = []
        for task in tasks:
            if isinstance(task.spec, Load):
                by_loader.setdefault(task.spec.loader, []).append(task)
            else:
                calls.append(task)
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
        fetched = ahead(parts, self.arguments, self.context.scope)
        results: list[list[Any]] = []
        failed: BaseException | None = None
        if calls and fetched:
            called = asyncio.gather(*(self.call(task) for task in calls))
            results, failed = await asyncio.gather(called, _caught(self.fetch(fetched)))
        elif len(calls) == 1:
            # one thing to wait for: awaited in this task (a task costs a turn of the loop)
            results = [await self.call(calls[0])]
        elif calls:
            results = list(await asyncio.gather(*(self.call(task) for task in calls)))
        elif fetched:
            failed = await _caught(self.fetch(fetched))
        for task, values in zip(calls, results, strict=True):
            self.place(task.planned, values, task.outs)
        for (loader, group), group_keys in zip(by_loader.items(), keyed, strict=True):
            if failed is not None:
                for task in group:
                    for out in task.outs:
                        self.fail(failed, task.planned, out)
                continue
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
                if isinstance(value, Exception):
                    # a key the loader refused (a filter naming nothing): this parent's error
                    values.append(Refused(value))
                    outs.append(out)
                    continue
                try:
                    values.append(shape(value, args, props))
                except Exception as error:
                    values.append(Refused(error))
                outs.append(out)
            else:
                repeats.append((out, first))
        self.place(task.planned, values, outs)
        name = task.planned.key
        for out, first in repeats:
            out[name] = first[name]

    async def call(self, task: _Task) -> list[Any]:
        """A `Call` or `Step` field for each parent, side by side; an error is that parent's."""
        spec = task.spec
        if isinstance(spec, Step):
            runs = [self.step(spec, task, source) for source in task.sources]
            return list(await asyncio.gather(*runs, return_exceptions=True))
        # a `Call`'s task holds what its calls started (`call_now`)
        return list(await asyncio.gather(*task.sources, return_exceptions=True))

    async def step(self, spec: Step, task: _Task, source: Any) -> Any:
        """A resolver of graphql-core's run for one parent, with the info it would get there."""
        planned = task.planned
        assert planned.definition is not None
        path = Path(None, planned.key, planned.parent.name)
        info = self.executor.build_resolve_info(
            planned.definition, [planned.node], planned.parent, path
        )
        value = spec.resolve(source, info, **task.args)
        if inspect.isawaitable(value):
            value = await value
        return value

    async def fetch(self, parts: list[Part]) -> None:
        """Loads every part into `loaded`, all in one round trip."""
        if not parts:
            return
        scope = self.context.scope
        loaders = [part.loader.for_plan(scope, part.want) for part in parts]
        requests = []
        wires = []
        for part, loader in zip(parts, loaders, strict=True):
            if part.derived is None:
                wire, params = loader.request(part.keys)
            else:
                wire, params = [], {**part.params, "templates": part.templates}
                scope.fetched.append((loader.query, part.want))
            wires.append(wire)
            keyed = wire if part.derived is None else part.templates
            requests.append((loader.variant(keyed), params, part.derived))
        answers = await scope.db.read_together(requests, scope.trips, scope.bookmarks)
        for part, loader, wire, (rows, made, derived_wire) in zip(
            parts, loaders, wires, answers, strict=True
        ):
            if part.derived is not None:
                part.keys = [part.key_of[which](node_id) for node_id, which in made]
                wire = derived_wire
            into = self.loaded.setdefault((part.loader, part.want), {})
            into.update(zip(part.keys, loader.answer(part.keys, wire, rows), strict=True))


async def _caught(work: Any) -> BaseException | None:
    """Runs `work`; its exception, or None."""
    try:
        await work
    except Exception as error:
        return error
    return None
