"""Neighbourhood slices: what a graph explorer draws around a node: two levels a round trip, then
one for the edges (a depth-2 slice in two)."""

from __future__ import annotations

from enum import Enum
from operator import itemgetter
from typing import Annotated, Any, TypeVar

import strawberry

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.engine.fields import Call, Typed
from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.graph.node import Node, describe_values
from bzpeer_graphql.graph.plans import attr, planned, planned_by
from bzpeer_graphql.loaders.explore import (
    SLICE_BOUNDS,
    SLICE_DEFAULTS,
    NeighbourhoodEdges,
    NeighbourhoodStep,
    NeighbourhoodTwoSteps,
    SliceNodes,
    StepKey,
)
from bzpeer_graphql.loaders.node import NodeById

MAX_DEPTH = SLICE_BOUNDS["depth"]
MAX_NODES = SLICE_BOUNDS["maxNodes"]
MAX_PER_NODE = SLICE_BOUNDS["limitPerNode"]

E = TypeVar("E", bound=Enum)


@strawberry.enum(description="The kinds of node a research graph holds.")
class NodeKind(Enum):
    RESEARCHER = "RESEARCHER"
    PAPER = "PAPER"
    TOPIC = "TOPIC"
    INSTITUTION = "INSTITUTION"


describe_values(
    NodeKind,
    RESEARCHER="A researcher (author).",
    PAPER="A paper (work).",
    TOPIC="A research topic.",
    INSTITUTION="An institution.",
)


@strawberry.enum(description="The kinds of edge a neighbourhood slice draws.")
class EdgeKind(Enum):
    COAUTHOR = "COAUTHOR"
    AUTHORED = "AUTHORED"
    ABOUT = "ABOUT"
    WORKS_ON = "WORKS_ON"
    AFFILIATED_WITH = "AFFILIATED_WITH"
    CITES = "CITES"
    RELATED = "RELATED"


describe_values(
    EdgeKind,
    COAUTHOR="Two researchers who share works (from the smaller id).",
    AUTHORED="A researcher to a paper they wrote.",
    ABOUT="A paper to a topic it is about.",
    WORKS_ON="A researcher to a topic of their works.",
    AFFILIATED_WITH="A researcher to an institution, now or before.",
    CITES="A paper to a paper it cites.",
    RELATED="Two topics that share papers (from the smaller id).",
)


Depth = Annotated[
    int,
    strawberry.argument(
        description=f"How many hops from the center to go: 1 to {MAX_DEPTH}, 1 when left out."
    ),
]
SliceKinds = Annotated[
    list[NodeKind] | None,
    strawberry.argument(
        description="Only reach nodes of these kinds (the center is always drawn); every kind "
        "when left out."
    ),
]
LimitPerNode = Annotated[
    int,
    strawberry.argument(
        description="The most neighbours to take from each node, heaviest edge first: 1 to "
        f"{MAX_PER_NODE}, 25 when left out."
    ),
]
MaxNodes = Annotated[
    int,
    strawberry.argument(
        description=f"The most nodes in the slice, the center included: 1 to {MAX_NODES}, 500 "
        "when left out; `truncated` says whether it cut."
    ),
]


#: the object type of each kind of node
TYPE_OF_KIND = {
    NodeKind.RESEARCHER.value: "Researcher",
    NodeKind.PAPER.value: "Paper",
    NodeKind.TOPIC.value: "Topic",
    NodeKind.INSTITUTION.value: "Institution",
}


def _id_alone(given: dict[str, Any], settings: Any, selected: frozenset[str]) -> bool:
    """Whether the entity's id (and type name) is all that is asked of it."""
    return selected <= {"id", "__typename"}


def _entity(place: GraphNode, id_alone: bool, context: Any) -> Any:
    typename = TYPE_OF_KIND[place.kind.value]
    if id_alone:
        return Typed(typename, {"id": place.id})
    return _load_entity(place.id, context)


async def _load_entity(node_id: str, context: Any) -> Typed | None:
    row = await context.loader(NodeById).load(node_id)
    if not row or row["kind"] is None:
        return None
    return Typed(row["kind"], row["node"])


@strawberry.type(
    description="A place in a neighbourhood slice: the node it stands for, with how this slice "
    "reaches it. It has no `id` of its own, since its weight and depth belong to this slice: a "
    "client cache keeps it inside its slice and the node itself under the node's id (`entity`)."
)
class GraphNode:
    id: strawberry.Private[str]
    entity_id: strawberry.ID = planned(
        attr("id"), "The id of the node it stands for.", default=None
    )
    entity: Node = planned(
        Call(_entity, _id_alone),
        "The node it stands for (its id alone costs nothing; any other field of it is loaded "
        "for all the slice's nodes at once).",
        default=None,
    )
    kind: NodeKind = strawberry.field(description="Researcher, paper, topic or institution.")
    label: str = strawberry.field(description="Name or title to show.")
    weight: float | None = strawberry.field(
        description="Weight of the edge it is reached by: the heaviest edge of the slice between "
        "it and a node one hop nearer the center (null for the center)."
    )
    depth: int = strawberry.field(
        description="Hops from the center along the slice's edges (0 for the center)."
    )


@strawberry.type(description="An edge between two nodes of a neighbourhood slice.")
class GraphEdge:
    source: strawberry.ID = strawberry.field(description="`entityId` of the place it starts at.")
    target: strawberry.ID = strawberry.field(description="`entityId` of the place it ends at.")
    kind: EdgeKind = strawberry.field(description="What ties the two nodes.")
    weight: float = strawberry.field(
        description="Shared works (COAUTHOR), topic score or summed scores (ABOUT, WORKS_ON), "
        "1 + citations of the paper (AUTHORED, CITES), shared papers (RELATED), 2 for a "
        "current affiliation and 1 for a past one."
    )


@strawberry.type(description="A node and its neighbourhood, as an explorer draws it.")
class GraphSlice:
    center: GraphNode = strawberry.field(description="The node the slice is centered on.")
    nodes: list[GraphNode] = strawberry.field(description="Every node, the center first.")
    edges: list[GraphEdge] = strawberry.field(description="Every edge among those nodes.")
    truncated: bool = strawberry.field(
        description="Whether limitPerNode or maxNodes left neighbours out."
    )


def check(depth: int, limit_per_node: int, max_nodes: int) -> None:
    """Refuses a depth, neighbour limit or node cap out of range."""
    for name, value, top in (
        ("depth", depth, MAX_DEPTH),
        ("limitPerNode", limit_per_node, MAX_PER_NODE),
        ("maxNodes", max_nodes, MAX_NODES),
    ):
        if not 1 <= value <= top:
            raise BadUserInput(
                f"{name} must be between 1 and {top} (got {value})", argument=name, max=top
            )


async def neighbourhood_slice(
    context: Any,
    center_id: str,
    center_kind: NodeKind | None,
    depth: int,
    kinds: list[NodeKind] | None,
    limit_per_node: int,
    max_nodes: int,
) -> GraphSlice | None:
    """Breadth first, a level at a time: a level not loaded ahead is asked for with the next
    one when there is a next one (one batched query for two levels); then one query for the
    edges among the nodes."""
    check(depth, limit_per_node, max_nodes)
    wanted = tuple(sorted(k.value for k in (kinds or list(NodeKind))))
    node_kinds = _members(NodeKind)
    step = context.loader(NeighbourhoodStep)
    two_steps = context.loader(NeighbourhoodTwoSteps)
    ahead: dict[StepKey, Any] = {}
    nodes: dict[tuple[str, str], GraphNode] = {}
    truncated = False
    frontier: list[tuple[str, str | None]] = [
        (center_id, center_kind.value if center_kind else None)
    ]
    for level in range(depth):
        steps = [StepKey(i, k, wanted, limit_per_node) for i, k in frontier]
        missing = [step_key for step_key in steps if step_key not in ahead]
        if missing and level + 1 < depth:
            loaded = await two_steps.load_many(missing)
            for step_key, (row, next_level) in zip(missing, loaded, strict=True):
                ahead[step_key] = row
                ahead.update(next_level)
        elif missing:
            ahead.update(zip(missing, await step.load_many(missing), strict=True))
        rows = [ahead.get(step_key) for step_key in steps]
        frontier = []
        for row in rows:
            if row is None:
                continue
            if level == 0:
                nodes[(row["kind"], row["key"]["id"])] = GraphNode(
                    id=strawberry.ID(row["key"]["id"]),
                    kind=NodeKind(row["kind"]),
                    label=row["label"] or "",
                    weight=None,
                    depth=0,
                )
            truncated = truncated or row["more"]
            for found in row["neighbours"]:
                key = (found["kind"], found["id"])
                if key in nodes:
                    continue
                if len(nodes) >= max_nodes:
                    truncated = True
                    continue
                nodes[key] = GraphNode(
                    id=strawberry.ID(found["id"]),
                    kind=node_kinds[found["kind"]],
                    label=found["label"] or "",
                    weight=found["weight"],
                    depth=level + 1,
                )
                frontier.append((found["id"], found["kind"]))
        if not nodes or not frontier:
            break
    if not nodes:
        return None
    by_kind: dict[str, list[str]] = {kind.value: [] for kind in NodeKind}
    for kind, node_id in nodes:
        by_kind[kind].append(node_id)
    edge_rows = await context.loader(NeighbourhoodEdges).load(
        SliceNodes(
            researchers=tuple(sorted(by_kind["RESEARCHER"])),
            papers=tuple(sorted(by_kind["PAPER"])),
            topics=tuple(sorted(by_kind["TOPIC"])),
            institutions=tuple(sorted(by_kind["INSTITUTION"])),
        )
    )
    in_order: list[Row] = sorted(edge_rows, key=itemgetter("kind", "source", "target"))
    ordered = list(nodes.values())
    _measure_from_center(ordered, [(r["source"], r["target"], r["weight"]) for r in in_order])
    edge_kinds = _members(EdgeKind)
    edges = [
        GraphEdge(
            source=strawberry.ID(r["source"]),
            target=strawberry.ID(r["target"]),
            kind=edge_kinds[r["kind"]],
            weight=r["weight"],
        )
        for r in in_order
    ]
    return GraphSlice(center=ordered[0], nodes=ordered, edges=edges, truncated=truncated)


def _members(kind: type[E]) -> dict[Any, E]:
    """An enum's members by value: a dict lookup per row instead of the enum's own call."""
    return {member.value: member for member in kind}


def _measure_from_center(nodes: list[GraphNode], ends: list[tuple[str, str, float]]) -> None:
    """Sets each node's depth to its hops from the center (nodes[0]) over the slice's edges
    (source, target, weight), and its weight to that of the heaviest edge to a node one hop
    nearer. A pass over the edges per level, then one for the weights: no lists per node."""
    hops = {str(nodes[0].id): 0}
    level = 0
    grew = True
    while grew:
        grew = False
        for source, target, _ in ends:
            at_source = hops.get(source)
            at_target = hops.get(target)
            if at_source == level and at_target is None:
                hops[target] = level + 1
                grew = True
            elif at_target == level and at_source is None:
                hops[source] = level + 1
                grew = True
        level += 1
    heaviest: dict[str, float] = {}
    for source, target, weight in ends:
        at_source = hops.get(source)
        at_target = hops.get(target)
        if at_source is None or at_target is None or abs(at_source - at_target) != 1:
            continue
        farther = target if at_target > at_source else source
        if farther not in heaviest or weight > heaviest[farther]:
            heaviest[farther] = weight
    for node in nodes[1:]:
        node_id = str(node.id)
        if node_id not in hops:
            continue  # not linked by the slice's edges: keeps the level that reached it
        node.depth = hops[node_id]
        node.weight = heaviest[node_id]


def _slice_args(given: dict[str, Any], settings: Any, selected: frozenset[str]) -> Any:
    check(given["depth"], given["limitPerNode"], given["maxNodes"])
    return given


async def slice_around(
    context: Any, node_id: Any, kind: NodeKind | None, given: dict[str, Any]
) -> GraphSlice | None:
    """The slice around `node_id` with a slice field's arguments (by GraphQL name)."""
    return await neighbourhood_slice(
        context,
        str(node_id),
        kind,
        given["depth"],
        given["kinds"],
        given["limitPerNode"],
        given["maxNodes"],
    )


async def _neighbourhood(source: Any, given: dict[str, Any], context: Any) -> GraphSlice | None:
    return await slice_around(context, given["id"], None, given)


#: the plan of the root field `neighbourhood(id, ...)`
NEIGHBOURHOOD = Call(_neighbourhood, _slice_args)


def graph_field(kind: NodeKind) -> Any:
    """The `graph` field of a node type: the slice centered on that node."""

    async def run(row: Row, given: dict[str, Any], context: Any) -> GraphSlice | None:
        return await slice_around(context, row["id"], kind, given)

    @planned_by(
        Call(run, _slice_args),
        f"The neighbourhood of this {kind.value.lower()}: nodes up to `depth` hops away (at "
        "most 3), the best `limitPerNode` neighbours of each, `maxNodes` in all.",
    )
    def graph(
        depth: Depth = SLICE_DEFAULTS["depth"],
        kinds: SliceKinds = None,
        limit_per_node: LimitPerNode = SLICE_DEFAULTS["limitPerNode"],
        max_nodes: MaxNodes = SLICE_DEFAULTS["maxNodes"],
    ) -> GraphSlice | None: ...

    return graph
