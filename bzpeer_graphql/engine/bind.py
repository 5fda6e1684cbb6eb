"""Binds the schema to its plans: every field's one definition (`Spec`) read off the schema, and
graphql-core's resolvers made from those same definitions, so both ways of running a field run
one definition.

A field's plan is given where the field is declared (`PLAN` in its strawberry metadata). A field
declared without one is read from its parent object by attribute, as strawberry would read it;
a field with a resolver of its own and no plan is run as a `Step` (that resolver, once per
parent). `unplanned` lists the fields the planner leaves to graphql-core, each with the reason.
"""

from __future__ import annotations

from collections.abc import Callable
from dataclasses import dataclass, field
from operator import attrgetter
from typing import Any

from graphql import (
    FieldNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLObjectType,
    GraphQLResolveInfo,
    GraphQLSchema,
    GraphQLUnionType,
    InlineFragmentNode,
    SelectionSetNode,
    get_named_type,
    is_leaf_type,
)

from bzpeer_graphql.engine.fields import Call, Child, Leaf, Load, Spec, Step, Typed

#: the key of a field's plan in its strawberry metadata
PLAN = "bzpeer.plan"
#: where the bound plans are kept on the GraphQL schema (`GraphQLSchema.extensions`)
BOUND = "bzpeer.bound"
#: why the planner leaves a root type's fields to graphql-core
UNPLANNED_ROOTS = {
    "Mutation": "a mutation: run one after another by graphql-core, each in its own write "
    "transaction, its answer read afterwards",
    "Subscription": "a subscription: a stream of results, not one plan",
}


@dataclass
class Bound:
    """The plans of a schema's fields by type and field name, and the fields left unplanned."""

    plans: dict[str, dict[str, Spec]] = field(default_factory=dict)
    unplanned: dict[str, str] = field(default_factory=dict)


def bind(schema: GraphQLSchema) -> Bound:
    """Reads every field's plan, sets its graphql-core resolver from it; kept on the schema."""
    bound = Bound()
    for name, named in schema.type_map.items():
        if name.startswith("__"):
            continue
        if isinstance(named, GraphQLInterfaceType | GraphQLUnionType):
            named.resolve_type = _type_resolver(named.resolve_type)
        if not isinstance(named, GraphQLObjectType):
            continue
        # the objects of node types are rows, not instances: no isinstance check of the type
        named.is_type_of = None
        reason = UNPLANNED_ROOTS.get(name)
        if reason is not None:
            bound.unplanned.update({f"{name}.{f}": reason for f in named.fields})
            continue
        bound.plans[name] = {
            field_name: _bind_field(definition) for field_name, definition in named.fields.items()
        }
    schema.extensions[BOUND] = bound
    return bound


def bound_plans(schema: GraphQLSchema) -> Bound:
    """The plans `bind` kept on `schema`."""
    bound: Bound = schema.extensions[BOUND]
    return bound


def _bind_field(definition: GraphQLField) -> Spec:
    declared = (definition.extensions or {}).get("strawberry-definition")
    spec: Spec | None = declared.metadata.get(PLAN) if declared is not None else None
    if spec is None:
        if declared is not None and declared.base_resolver is not None:
            return Step(definition.resolve)  # type: ignore[arg-type]
        read = attrgetter(declared.python_name if declared is not None else "")
        leaf = is_leaf_type(get_named_type(definition.type))
        spec = Leaf(read) if leaf else Child(read)
    definition.resolve = resolver(spec)
    return spec


def resolver(spec: Spec) -> Callable[..., Any]:
    """graphql-core's resolver of a field planned as `spec`."""
    if isinstance(spec, Leaf | Child):
        get = spec.get

        def read(root: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
            return get(root)

        return read
    if isinstance(spec, Load):
        load = spec

        async def loaded(root: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
            context = info.context
            args = load.args(arguments, context.settings, selected(info))
            value = await context.loader(load.loader).load(load.key(root, args))
            return load.shape(value, args, None)

        return loaded
    if isinstance(spec, Call):
        call = spec

        def called(root: Any, info: GraphQLResolveInfo[Any], **arguments: Any) -> Any:
            context = info.context
            args = call.args(arguments, context.settings, selected(info))
            return call.run(root, args, context)  # graphql-core awaits what is awaitable

        return called
    return spec.resolve


def selected(info: GraphQLResolveInfo[Any]) -> frozenset[str]:
    """The names a field's own selection asks for, through fragments (directives aside)."""
    names: set[str] = set()
    seen: set[str] = set()

    def visit(selection_set: SelectionSetNode | None) -> None:
        for selection in selection_set.selections if selection_set else ():
            if isinstance(selection, FieldNode):
                names.add(selection.name.value)
            elif isinstance(selection, InlineFragmentNode):
                visit(selection.selection_set)
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = info.fragments.get(name)
                if fragment is not None and name not in seen:
                    seen.add(name)
                    visit(fragment.selection_set)

    for node in info.field_nodes:
        visit(node.selection_set)
    return frozenset(names)


def typename(value: Any) -> str:
    """The object type of a value of an interface or union type."""
    if isinstance(value, Typed):
        return value.typename
    return type(value).__strawberry_definition__.name  # type: ignore[no-any-return]


def _type_resolver(original: Any) -> Callable[..., Any]:
    def resolve_type(value: Any, info: GraphQLResolveInfo[Any], abstract: Any) -> Any:
        if isinstance(value, Typed):
            return value.typename
        return original(value, info, abstract) if original else typename(value)

    return resolve_type
