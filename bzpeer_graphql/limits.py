"""What one operation may ask for, measured on its document before anything runs.

One walk over the chosen operation (fragments expanded) gives its depth, its aliases, whether
it introspects, and its cost: the items it could fetch in the worst case. A field's `first` (or
`maxNodes`) multiplies everything below it; a list without such an argument counts as
`default_page_size` items; single objects (a researcher by id, an edge's node) count nothing
themselves.
"""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any

from graphql import (
    DocumentNode,
    FieldNode,
    FragmentDefinitionNode,
    FragmentSpreadNode,
    GraphQLError,
    GraphQLField,
    GraphQLInterfaceType,
    GraphQLList,
    GraphQLNamedType,
    GraphQLObjectType,
    GraphQLSchema,
    InlineFragmentNode,
    OperationDefinitionNode,
    SelectionSetNode,
    get_named_type,
    get_nullable_type,
    is_composite_type,
    value_from_ast,
    value_from_ast_untyped,
)

#: arguments that bound how many items a field returns; the first one present counts
SIZE_ARGUMENTS = ("first", "maxNodes")


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
    """What the walk found in one operation."""

    depth: int = 0
    aliases: int = 0
    cost: int = 0
    introspects: bool = False


def limit_error(message: str, code: str, **extensions: Any) -> GraphQLError:
    """An error refusing the whole operation, with its stable code."""
    return GraphQLError(message, extensions={"code": code, **extensions})


def check(
    schema: GraphQLSchema,
    document: DocumentNode,
    operation_name: str | None,
    variables: dict[str, Any] | None,
    limits: Limits,
) -> GraphQLError | None:
    """The first limit the operation breaks, or None when it may run."""
    operation = _operation(document, operation_name)
    if operation is None:
        return None  # no such operation: validation or execution reports it
    root = schema.get_root_type(operation.operation)
    if root is None:
        return None
    walk = _Walk(schema, document, variables or {}, operation, limits)
    measure = walk.measure(root, operation.selection_set)
    if measure.introspects and not limits.introspection:
        return limit_error("introspection is turned off on this server", "INTROSPECTION_DISABLED")
    if measure.depth > limits.max_depth:
        return limit_error(
            f"the query is {measure.depth} levels deep; at most {limits.max_depth} are allowed",
            "QUERY_TOO_DEEP",
            depth=measure.depth,
            maxDepth=limits.max_depth,
        )
    if measure.aliases > limits.max_aliases:
        return limit_error(
            f"the query has {measure.aliases} aliases; at most {limits.max_aliases} are allowed",
            "TOO_MANY_ALIASES",
            aliases=measure.aliases,
            maxAliases=limits.max_aliases,
        )
    if measure.cost > limits.max_cost:
        return limit_error(
            f"the query could fetch {measure.cost} objects; at most {limits.max_cost} are "
            "allowed: ask for fewer items (`first`, `maxNodes`) or fewer nested lists",
            "QUERY_TOO_COSTLY",
            cost=measure.cost,
            maxCost=limits.max_cost,
        )
    return None


def _operation(document: DocumentNode, name: str | None) -> OperationDefinitionNode | None:
    operations = [d for d in document.definitions if isinstance(d, OperationDefinitionNode)]
    if name is None:
        return operations[0] if len(operations) == 1 else None
    return next((o for o in operations if o.name is not None and o.name.value == name), None)


class _Walk:
    """Measures one operation; fragments are expanded where they are spread."""

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
        self.fragments = {
            d.name.value: d for d in document.definitions if isinstance(d, FragmentDefinitionNode)
        }
        self.variables = dict(variables)
        for definition in operation.variable_definitions or ():
            name = definition.variable.name.value
            if name not in self.variables and definition.default_value is not None:
                self.variables[name] = value_from_ast_untyped(definition.default_value)
        self.result = Measure()

    def measure(self, root: GraphQLObjectType, selections: SelectionSetNode) -> Measure:
        self.result.cost = self._cost(root, selections, depth=1, bounded=False, seen=())
        return self.result

    def _fields(
        self, parent: GraphQLNamedType, selections: SelectionSetNode, seen: tuple[str, ...]
    ) -> list[tuple[GraphQLNamedType, FieldNode]]:
        """The field nodes selected on `parent`, through inline fragments and spreads."""
        found: list[tuple[GraphQLNamedType, FieldNode]] = []
        for selection in selections.selections:
            if isinstance(selection, FieldNode):
                found.append((parent, selection))
            elif isinstance(selection, InlineFragmentNode):
                found.extend(
                    self._fields(self._on(selection, parent), selection.selection_set, seen)
                )
            elif isinstance(selection, FragmentSpreadNode):
                name = selection.name.value
                fragment = self.fragments.get(name)
                if fragment is not None and name not in seen:
                    on = self._on(fragment, parent)
                    found.extend(self._fields(on, fragment.selection_set, (*seen, name)))
        return found

    def _on(
        self, fragment: InlineFragmentNode | FragmentDefinitionNode, parent: GraphQLNamedType
    ) -> GraphQLNamedType:
        if fragment.type_condition is None:
            return parent
        return self.schema.get_type(fragment.type_condition.name.value) or parent

    def _cost(
        self,
        parent: GraphQLNamedType,
        selections: SelectionSetNode,
        depth: int,
        bounded: bool,
        seen: tuple[str, ...],
    ) -> int:
        """Worst-case objects below `parent`; `bounded`: its lists are already counted above."""
        self.result.depth = max(self.result.depth, depth)
        total = 0
        for owner, node in self._fields(parent, selections, seen):
            if node.alias is not None:
                self.result.aliases += 1
            name = node.name.value
            if name in ("__schema", "__type"):
                self.result.introspects = True
            definition = _field(owner, name)
            if definition is None or node.selection_set is None:
                continue
            child = get_named_type(definition.type)
            if not is_composite_type(child):
                continue
            size = self._size(node, definition)
            sized = size is not None
            is_list = isinstance(get_nullable_type(definition.type), GraphQLList)
            if size is None:
                size = self.limits.default_page_size if is_list and not bounded else 1
            # items count once, where their number is decided: a sized field's own lists (a
            # connection's edges, a slice's nodes) and single objects add nothing themselves
            own = 1 if sized or (is_list and not bounded) else 0
            below = self._cost(child, node.selection_set, depth + 1, sized, seen)
            total += size * (own + below)
        return total

    def _size(self, node: FieldNode, definition: GraphQLField) -> int | None:
        """The field's own bound on its items (`first`, `maxNodes`), when it has one."""
        for name in SIZE_ARGUMENTS:
            argument = definition.args.get(name)
            if argument is None:
                continue
            given = next((a for a in node.arguments or () if a.name.value == name), None)
            value = (
                value_from_ast(given.value, argument.type, self.variables)
                if given is not None
                else argument.default_value
            )
            if isinstance(value, int) and not isinstance(value, bool) and value > 0:
                return value
            return self.limits.default_page_size
        return None


def _field(owner: GraphQLNamedType, name: str) -> GraphQLField | None:
    if isinstance(owner, GraphQLObjectType | GraphQLInterfaceType):
        field: GraphQLField | None = owner.fields.get(name)
        return field
    return None
