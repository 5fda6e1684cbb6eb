"""The measure of one operation, taken on its document before anything runs.

One walk over the chosen operation gives its depth, its aliases, whether it introspects, and
its cost: the items it could fetch in the worst case. A field's `first` multiplies everything
below it; a list without such an argument counts as `default_page_size` items; single objects
(a researcher by id, an edge's node) count nothing themselves. A neighbourhood slice counts
the nodes it returns and, far more, the nodes whose neighbours it ranks (`_slice`), and
a root list in an order by an aggregate counts `RANKED_ORDER_COST` besides its items (it ranks
every match on every page). Each fragment is measured once per place type and reused wherever
it is spread, so the walk is linear in the document however the fragments fan out.
"""

from __future__ import annotations

from dataclasses import dataclass
from enum import Enum
from typing import Any

from graphql import (
    DocumentNode,
    EnumValueNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    NullValueNode,
    OperationDefinitionNode,
    SchemaMetaFieldDef,
    SelectionSetNode,
    TypeMetaFieldDef,
    VariableNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    value_from_ast,
    value_from_ast_untyped,
)

# a value past its bound is the field's BAD_USER_INPUT, so it costs nothing here
from bzpeer_graphql.loaders.explore import SLICE_BOUNDS, SLICE_DEFAULTS
from bzpeer_graphql.policy.costs import (
    AGGREGATE_FIELDS,
    AGGREGATE_TYPES,
    COST_CEILING,
    IDS_ARGUMENT,
    INDEX_WALKED,
    INTROSPECTION_COST,
    LAST_ARGUMENT,
    NODE_AGGREGATE_COST,
    OFF_THE_WALK,
    OFF_THE_WALK_COST,
    RANKED_ORDER_COST,
    ROOT_AGGREGATE_COST,
    SAMPLE_ARGUMENT,
    SIZE_ARGUMENT,
    SLICE_EXPANSION_COST,
    SLICE_NODE_COST,
)
from bzpeer_graphql.policy.variables import ReadVariables, operation_of


@dataclass(frozen=True)
class Limits:
    """The configured ceilings (see `Settings`)."""

    max_depth: int
    max_aliases: int
    max_cost: int
    default_page_size: int
    introspection: bool


@dataclass
class Measure:
    """What the walk found in one operation; `visits` counts the selections it looked at."""

    depth: int = 0
    aliases: int = 0
    cost: int = 0
    introspects: bool = False
    visits: int = 0
    #: the variables the walk read: the measure is the same for any values equal on these
    read: frozenset[str] = frozenset()


@dataclass(frozen=True)
class _Part:
    """A selection set's share: its cost, levels (itself included), aliases, introspection."""

    cost: int = 0
    levels: int = 0
    aliases: int = 0
    introspects: bool = False


def measure(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    limits: Limits,
) -> Measure | None:
    """The operation's measure, or None when there is no such operation to measure."""
    operation = operation_of(document, operation_name)
    if operation is None:
        return None  # no such operation: validation or execution reports it
    root = schema.get_root_type(operation.operation)
    if root is None:
        return None
    return _Walk(schema, document, variables or {}, operation, limits).run(root)


class _Walk:
    """Measures one operation; a fragment is measured once per (type, bounded) and reused."""

    def __init__(
        self,
        schema: GraphQLSchema,
        document: DocumentNode,
        variables: dict[str, Any],
        operation: OperationDefinitionNode,
        limits: Limits,
    ) -> None:
        self.schema = schema
        self.limits = limits
        self.root_name = ""
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = ReadVariables(variables)
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if definition.default_value is not None and name not in self.variables:
                self.variables[name] = value_from_ast_untyped(definition.default_value)
        self.selections = operation.selection_set
        self.done: dict[tuple[str, str, bool], _Part] = {}
        self.open: set[tuple[str, str, bool]] = set()
        self.visits = 0

    def run(self, root: GraphQLObjectType) -> Measure:
        self.root_name = root.name
        part = self._part(root, self.selections, bounded=False)
        read = frozenset(self.variables.read)
        return Measure(part.levels, part.aliases, part.cost, part.introspects, self.visits, read)

    def _part(self, parent: GraphQLNamedType, selections: SelectionSetNode, bounded: bool) -> _Part:
        """Worst-case objects below `parent`; `bounded`: its lists are already counted above."""
        cost = levels = aliases = 0
        introspects = False
        for selection in selections.selections:
            self.visits += 1
            if isinstance(selection, FieldNode):
                part = self._field(parent, selection, bounded)
                levels = max(levels, part.levels + 1)
            elif isinstance(selection, InlineFragmentNode | FragmentSpreadNode):
                part = self._fragment(parent, selection, bounded)
                levels = max(levels, part.levels)
            else:
                continue
            cost += part.cost
            aliases += part.aliases
            introspects = introspects or part.introspects
        return _Part(min(cost, COST_CEILING), max(levels, 1), aliases, introspects)

    def _fragment(
        self,
        parent: GraphQLNamedType,
        selection: InlineFragmentNode | FragmentSpreadNode,
        bounded: bool,
    ) -> _Part:
        if isinstance(selection, InlineFragmentNode):
            return self._part(self._on(selection, parent), selection.selection_set, bounded)
        fragment = self.fragments.get(selection.name.value)
        if fragment is None:
            return _Part()
        on = self._on(fragment, parent)
        key = (fragment.name.value, on.name, bounded)
        known = self.done.get(key)
        if known is not None:
            return known
        if key in self.open:
            return _Part()  # a cycle: validation refuses it; count it nothing here
        self.open.add(key)
        part = self._part(on, fragment.selection_set, bounded)
        self.open.discard(key)
        self.done[key] = part
        return part

    def _on(
        self, fragment: InlineFragmentNode | FragmentDefinitionNode, parent: GraphQLNamedType
    ) -> GraphQLNamedType:
        if fragment.type_condition is None:
            return parent
        return self.schema.get_type(fragment.type_condition.name.value) or parent

    def _field(self, owner: GraphQLNamedType, node: FieldNode, bounded: bool) -> _Part:
        """One field's share: its items times (itself + what is below each)."""
        aliases = 1 if node.alias is not None else 0
        name = node.name.value
        introspects = name in INTROSPECTION_COST
        definition = _META.get(name) or _definition(owner, name)
        if definition is None or node.selection_set is None:
            return _Part(0, 0, aliases, introspects)
        if introspects:
            below = self._part(get_named_type(definition.type), node.selection_set, True)
            return _Part(INTROSPECTION_COST[name], below.levels, aliases + below.aliases, True)
        child = get_named_type(definition.type)
        if not is_composite_type(child):
            return _Part(0, 0, aliases, introspects)
        size = self._size(node, definition)
        sized = size is not None
        is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
        if size is None:
            size = self.limits.default_page_size if is_list and not bounded else 1
        # items count once, where their number is decided: a sized field's own lists (a
        # connection's edges, a slice's nodes) and single objects add nothing themselves
        own = 1 if sized or (is_list and not bounded) else 0
        below = self._part(child, node.selection_set, sized)
        extra = self._ranking(owner, node) + self._aggregate(owner, node, child)
        cost = min(size * (own + below.cost) + extra, COST_CEILING)
        return _Part(
            cost,
            below.levels,
            aliases + below.aliases,
            introspects or below.introspects,
        )

    def _size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The field's own bound on its items (`first`, a slice's reach), when it has one."""
        if "maxNodes" in definition.args:
            return self._slice(node, definition)
        if IDS_ARGUMENT in definition.args:
            return self._count(node, definition, IDS_ARGUMENT)
        if SAMPLE_ARGUMENT in definition.args:
            return self._positive(node, definition, SAMPLE_ARGUMENT)
        if SIZE_ARGUMENT not in definition.args:
            return None
        return (
            self._positive(node, definition, SIZE_ARGUMENT)
            or self._positive(node, definition, LAST_ARGUMENT)
            or self.limits.default_page_size
        )

    def _slice(self, node: FieldNode, definition: GraphQLField) -> int:
        """A neighbourhood slice: the nodes it returns, and the nodes whose neighbours it ranks
        (every neighbour of each, which is where its time goes around well-connected nodes)."""
        given = {
            name: self._positive(node, definition, name) or default
            for name, default in SLICE_DEFAULTS.items()
        }
        if any(given[name] > bound for name, bound in SLICE_BOUNDS.items()):
            return 0
        depth, per_node, max_nodes = given["depth"], given["limitPerNode"], given["maxNodes"]
        reach, frontier, expanded = 1, 1, 0
        for _ in range(depth):
            expanded += frontier
            frontier = min(frontier * per_node, max(max_nodes - reach, 0))
            reach += frontier
        return SLICE_NODE_COST * reach + SLICE_EXPANSION_COST * expanded

    def _count(self, node: FieldNode, definition: GraphQLField, name: str) -> int:
        """How many values the list argument `name` holds (given or a variable's)."""
        given = next((a for a in node.arguments or () if a.name.value == name), None)
        if given is None:
            return 0
        value = value_from_ast(given.value, definition.args[name].type, self.variables)
        return len(value) if isinstance(value, list) else 0

    def _positive(self, node: FieldNode, definition: GraphQLField, name: str) -> int | None:
        """The value of the argument `name` when it is a positive Int (given or default)."""
        argument = definition.args.get(name)
        if argument is None:
            return None
        given = next((a for a in node.arguments or () if a.name.value == name), None)
        value = (
            value_from_ast(given.value, argument.type, self.variables)
            if given is not None
            else argument.default_value
        )
        if isinstance(value, int) and not isinstance(value, bool) and value > 0:
            return value
        return None

    def _aggregate(self, owner: GraphQLNamedType, node: FieldNode, child: GraphQLNamedType) -> int:
        """What an aggregate of works costs: at the root all of them, on a node its own."""
        if child.name not in AGGREGATE_TYPES and node.name.value not in AGGREGATE_FIELDS:
            return 0
        return ROOT_AGGREGATE_COST if owner.name == self.root_name else NODE_AGGREGATE_COST

    def _ranking(self, owner: GraphQLNamedType, node: FieldNode) -> int:
        """What ranking every match costs, for a root list asked for in such an order or paged
        off its index walk (`last`, `before`)."""
        if owner.name != self.root_name:
            return 0
        arguments = {a.name.value: a.value for a in node.arguments or ()}
        ranked = self._order_cost(arguments.get("orderBy"))
        if node.name.value in INDEX_WALKED and any(
            self._given(arguments.get(name)) for name in OFF_THE_WALK
        ):
            return max(ranked, OFF_THE_WALK_COST)
        return ranked

    def _given(self, value: Any) -> bool:
        """Whether an argument is there and not null (a variable's value too)."""
        if isinstance(value, VariableNode):
            return self.variables.get(value.name.value) is not None
        return value is not None and not isinstance(value, NullValueNode)

    def _order_cost(self, value: Any) -> int:
        """What a root list's `orderBy` costs for ranking every match (0: an index walk)."""
        if value is None:
            return 0
        if isinstance(value, VariableNode):
            value = self.variables.get(value.name.value)
            value = value.name if isinstance(value, Enum) else value  # coerced to its member
        elif isinstance(value, EnumValueNode):
            value = value.value
        return RANKED_ORDER_COST.get(value, 0) if isinstance(value, str) else 0


#: the introspection fields, which no type lists among its own
_META = {"__schema": SchemaMetaFieldDef, "__type": TypeMetaFieldDef}


def _definition(owner: GraphQLNamedType, name: str) -> GraphQLField | None:
    if isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
        field: GraphQLField | None = owner.fields.get(name)
        return field
    return None
