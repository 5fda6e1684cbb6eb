"""Plans: the fields an operation selects, merged from fragments and directives as graphql-core
merges them, each with its one definition (`bind`). One plan per operation of a parsed document
(and per value of the variables its `@skip`/`@include` read), kept beside it."""

from __future__ import annotations

import builtins
from collections import OrderedDict
from collections.abc import Callable, Iterator
from dataclasses import dataclass, field
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLOutputType,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    OperationDefinitionNode,
    OperationType,
    SelectionSetNode,
    VariableNode,
    get_named_type,
    is_leaf_type,
)
from graphql.execution.collect_fields import (
    FieldDetails,
    FragmentDetails,
    collect_fields,
    collect_subfields,
)
from graphql.execution.values import VariableValues

from bzpeer_graphql.engine.arguments import KeptArguments
from bzpeer_graphql.engine.bind import bound_plans
from bzpeer_graphql.engine.fields import NOTHING, Call, Child, Leaf, Load, Needs, Spec, Step

#: operations whose plans one process keeps
MAX_PLANNED = 1024


@dataclass
class FieldPlan:
    """One response key of a selection: the field, its type, how it is had, its selection."""

    key: str
    name: str
    type: GraphQLOutputType
    spec: Spec | None  # None: __typename
    definition: GraphQLField | None
    node: FieldNode
    parent: GraphQLObjectType
    #: every node the field is asked by (the same field merged from several places)
    nodes: list[FieldNode] = field(default_factory=list)
    selection: Selection | None = None
    #: for a union or interface: the selection on each possible type (sources are (type, value))
    by_type: dict[str, Selection] | None = None
    #: how a value of the field's leaf type is completed, made on first use and kept with
    #: the plan (plans outlive requests)
    complete: Callable[[Any], Any] | None = field(default=None, compare=False, repr=False)
    #: the Python type a leaf value may have to be returned unchanged (None: always complete)
    exact: builtins.type | None = field(default=None, compare=False, repr=False)
    #: the field's checked arguments, kept with the plan (`engine.arguments`)
    arguments: KeptArguments | None = field(default=None, compare=False, repr=False)
    #: how a node id becomes this field's loader key, by the field's arguments (`ahead`)
    keyed: dict[Any, Any] = field(default_factory=dict, compare=False, repr=False)


@dataclass
class Selection:
    """The fields selected on one object type, in response order."""

    type_name: str
    fields: list[FieldPlan]
    #: what the selection needs from the loader that brings its objects (children included)
    needs: Needs = NOTHING
    names: frozenset[str] = field(default_factory=frozenset)
    #: the fields of the whole plan whose arguments a run checks (`argued`), found once
    argued_fields: tuple[FieldPlan, ...] | None = field(default=None, compare=False, repr=False)


class _Unplanned(Exception):
    """The operation asks for something only graphql-core does (`@defer`, `@stream`, a
    mutation's field)."""


def plan(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDetails],
    operation: OperationDefinitionNode,
    variables: VariableValues,
) -> Selection | None:
    """The plan of a query operation, or None for what only graphql-core runs (`@defer`,
    `@stream`)."""
    if operation.operation != OperationType.QUERY:
        return None
    root = schema.query_type
    if root is None:
        return None
    try:
        collected = collect_fields(schema, fragments, variables, root, operation)
        if collected.new_defer_usages:
            return None
        grouped = collected.grouped_field_set
        return _selection(schema, fragments, operation, variables, root, grouped)
    except (_Unplanned, RecursionError):
        return None


def _streamed(node: FieldNode) -> bool:
    """Whether a field asks for `@stream` (only graphql-core delivers a list in parts)."""
    return any(directive.name.value == "stream" for directive in node.directives or ())


def _selection(
    schema: GraphQLSchema,
    fragments: dict[str, FragmentDetails],
    operation: OperationDefinitionNode,
    variables: VariableValues,
    parent: GraphQLObjectType,
    grouped: dict[str, list[FieldDetails]],
) -> Selection:
    specs = bound_plans(schema).plans.get(parent.name)
    if specs is None:
        raise _Unplanned(parent.name)
    fields: list[FieldPlan] = []
    needs = NOTHING
    for key, details in grouped.items():
        if any(d.defer_usage or d.fragment_variable_values or _streamed(d.node) for d in details):
            raise _Unplanned(key)
        first = details[0].node
        name = first.name.value
        if name == "__typename":
            fields.append(FieldPlan(key, name, parent, None, None, first, parent))
            continue
        spec = specs.get(name)
        definition = parent.fields.get(name)
        if spec is None or definition is None:
            raise _Unplanned(f"{parent.name}.{name}")
        planned = FieldPlan(
            key, name, definition.type, spec, definition, first, parent, [d.node for d in details]
        )
        named = get_named_type(definition.type)
        if isinstance(named, GraphQLObjectType):
            if isinstance(spec, Leaf):
                raise _Unplanned(f"{parent.name}.{name}")
            sub = collect_subfields(schema, fragments, variables, operation, named, details)
            if sub.new_defer_usages:
                raise _Unplanned(key)
            planned.selection = _selection(
                schema, fragments, operation, variables, named, sub.grouped_field_set
            )
        elif isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            if isinstance(spec, Leaf | Child):
                raise _Unplanned(f"{parent.name}.{name}")
            planned.by_type = {}
            for possible in schema.get_possible_types(named):
                sub = collect_subfields(schema, fragments, variables, operation, possible, details)
                if sub.new_defer_usages:
                    raise _Unplanned(key)
                planned.by_type[possible.name] = _selection(
                    schema, fragments, operation, variables, possible, sub.grouped_field_set
                )
        elif not is_leaf_type(named) or isinstance(spec, Child):
            raise _Unplanned(f"{parent.name}.{name}")
        if isinstance(spec, Leaf | Call):
            needs = needs | spec.needs
        elif isinstance(spec, Child):
            assert planned.selection is not None
            needs = needs | spec.needs | planned.selection.needs
        fields.append(planned)
    names = frozenset(f.name for f in fields)
    return Selection(parent.name, fields, needs, names)


def _directive_variables(
    operation: OperationDefinitionNode, fragments: dict[str, FragmentDetails]
) -> tuple[str, ...]:
    """The variables that `@skip`/`@include` anywhere in the operation read."""
    names: set[str] = set()
    seen: set[str] = set()

    def visit(selection_set: SelectionSetNode | None) -> None:
        for selection in selection_set.selections if selection_set else ():
            for directive in selection.directives or ():
                for argument in directive.arguments or ():
                    if isinstance(argument.value, VariableNode):
                        names.add(argument.value.name.value)
            if isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                if name not in seen and name in fragments:
                    seen.add(name)
                    visit(fragments[name].definition.selection_set)
            elif isinstance(selection, FieldNode | InlineFragmentNode):
                visit(selection.selection_set)

    visit(operation.selection_set)
    return tuple(sorted(names))


@dataclass
class _Planned:
    operation: OperationDefinitionNode
    variables: tuple[str, ...]
    plans: dict[tuple[Any, ...], Selection | None] = field(default_factory=dict)


class Plans:
    """Plans by operation node (the parser cache hands out the same document for the same text)
    and by the values of the variables its directives read."""

    def __init__(self, size: int = MAX_PLANNED) -> None:
        self.size = size
        self._planned: OrderedDict[int, _Planned] = OrderedDict()

    def get(
        self,
        schema: GraphQLSchema,
        fragments: dict[str, FragmentDetails],
        operation: OperationDefinitionNode,
        variables: VariableValues,
    ) -> Selection | None:
        entry = self._planned.get(id(operation))
        if entry is None or entry.operation is not operation:
            entry = _Planned(operation, _directive_variables(operation, fragments))
            self._planned[id(operation)] = entry
            while len(self._planned) > self.size:
                self._planned.popitem(last=False)
        else:
            self._planned.move_to_end(id(operation))
        values = tuple(_frozen(variables.coerced.get(name)) for name in entry.variables)
        if values not in entry.plans:
            if len(entry.plans) > 16:
                entry.plans.clear()
            entry.plans[values] = plan(schema, fragments, operation, variables)
        return entry.plans[values]


def _frozen(value: Any) -> Any:
    if isinstance(value, dict):
        return tuple(sorted((k, _frozen(v)) for k, v in value.items()))
    if isinstance(value, list):
        return tuple(_frozen(v) for v in value)
    return value


def argued(selection: Selection) -> tuple[FieldPlan, ...]:
    """The fields of a plan that load, call or step (those with arguments to check), depth
    first; walked once per plan, which outlives requests."""
    found = selection.argued_fields
    if found is None:
        found = tuple(p for p in walk(selection) if isinstance(p.spec, Load | Call | Step))
        selection.argued_fields = found
    return found


def walk(selection: Selection) -> Iterator[FieldPlan]:
    """Every field of a plan, depth first."""
    for planned in selection.fields:
        yield planned
        if planned.selection is not None:
            yield from walk(planned.selection)
        for each in (planned.by_type or {}).values():
            yield from walk(each)
