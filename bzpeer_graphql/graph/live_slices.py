"""What a change did to a neighbourhood slice: the slice drawn again after each change that
touches one of its nodes, compared with the slice before it."""

from __future__ import annotations

from collections.abc import AsyncGenerator, AsyncIterator
from dataclasses import dataclass, field
from typing import Any

import strawberry

from bzpeer_graphql.graph.neighbourhood import (
    GraphEdge,
    GraphNode,
    GraphSlice,
    NodeKind,
    check,
    neighbourhood_slice,
)
from bzpeer_graphql.live.changes import Change
from bzpeer_graphql.live.hub import Hub
from bzpeer_graphql.live.log import Entry

EdgeKey = tuple[str, str, str]


@strawberry.type(description="What one committed change did to a neighbourhood slice.")
class SliceChange:
    event_id: strawberry.ID = strawberry.field(
        description="The change's place in the change log: subscribe again with `after` set to "
        "the last one received to miss nothing."
    )
    resync: bool = strawberry.field(
        description="True for the first change of a subscription resumed with `after` when "
        "changes since then touched the slice: the lists are empty (the server does not know "
        "the slice the client holds) and `slice` is the state to take."
    )
    added_nodes: list[GraphNode] = strawberry.field(description="Nodes now in the slice.")
    removed_nodes: list[GraphNode] = strawberry.field(
        description="Nodes no longer in the slice, as they were."
    )
    added_edges: list[GraphEdge] = strawberry.field(description="Edges now in the slice.")
    removed_edges: list[GraphEdge] = strawberry.field(
        description="Edges no longer in the slice, as they were."
    )
    reweighted_edges: list[GraphEdge] = strawberry.field(
        description="Edges still in the slice whose weight changed (shared works of "
        "coauthors...), with the new weight."
    )
    slice: GraphSlice | None = strawberry.field(
        description="The whole slice after the change; null when its center is gone."
    )


def _edge_key(edge: GraphEdge) -> EdgeKey:
    return (edge.kind.value, str(edge.source), str(edge.target))


def _node_key(node: GraphNode) -> str:
    return f"{node.kind.value}:{node.id}"


def compare(
    event_id: str, before: GraphSlice | None, after: GraphSlice | None, resync: bool
) -> SliceChange | None:
    """What changed from `before` to `after`; None when nothing did."""
    old_nodes = {_node_key(n): n for n in before.nodes} if before else {}
    new_nodes = {_node_key(n): n for n in after.nodes} if after else {}
    old_edges = {_edge_key(e): e for e in before.edges} if before else {}
    new_edges = {_edge_key(e): e for e in after.edges} if after else {}
    change = SliceChange(
        event_id=strawberry.ID(event_id),
        resync=resync,
        added_nodes=[n for key, n in new_nodes.items() if key not in old_nodes],
        removed_nodes=[n for key, n in old_nodes.items() if key not in new_nodes],
        added_edges=[e for key, e in new_edges.items() if key not in old_edges],
        removed_edges=[e for key, e in old_edges.items() if key not in new_edges],
        reweighted_edges=[
            e
            for key, e in new_edges.items()
            if key in old_edges and old_edges[key].weight != e.weight
        ],
        slice=after,
    )
    lists = (
        change.added_nodes,
        change.removed_nodes,
        change.added_edges,
        change.removed_edges,
        change.reweighted_edges,
    )
    return change if resync or any(lists) else None


@dataclass(frozen=True)
class Drawn:
    """A slice as drawn after a change, with the ids of its nodes."""

    slice: GraphSlice | None
    ids: frozenset[str]


@dataclass
class SliceWatch:
    """One `sliceChanged` subscription: its slice's arguments and the slice it holds now."""

    center: str
    depth: int
    kinds: list[NodeKind] | None
    limit_per_node: int
    max_nodes: int
    #: the slice as last drawn; None until it is first drawn
    current: Drawn | None = field(default=None)

    def check(self) -> None:
        check(self.depth, self.limit_per_node, self.max_nodes)

    @property
    def key(self) -> tuple[Any, ...]:
        """What the slice depends on: subscribers with the same key hold the same slice."""
        kinds = tuple(sorted(k.value for k in self.kinds)) if self.kinds else None
        return ("slice", self.center, self.depth, kinds, self.limit_per_node, self.max_nodes)

    def may_touch(self, change: Change) -> bool:
        """Whether the change names a node of the slice (any change, before the first draw):
        the hub asks before queueing a change, so one that cannot touch it is never read."""
        current = self.current
        return (
            current is None
            or self.center in change.nodes
            or not current.ids.isdisjoint(change.nodes)
        )

    async def _draw(self, context: Any) -> Drawn:
        drawn = await neighbourhood_slice(
            context,
            self.center,
            None,
            self.depth,
            self.kinds,
            self.limit_per_node,
            self.max_nodes,
        )
        return Drawn(
            drawn, frozenset(str(node.id) for node in drawn.nodes) if drawn else frozenset()
        )

    async def draw(self, context: Any, event_id: str | None) -> Drawn:
        """The slice after change `event_id`, drawn once for every subscriber of this process
        with the same arguments (None: afresh, for this subscriber alone)."""
        if event_id is None:
            context.forget_loaded()
            drawn = await self._draw(context)
        else:
            context.read_change(event_id)
            drawn = await context.hub.memo.once(event_id, self.key, lambda: self._draw(context))
        self.current = drawn
        return drawn

    def compared(self, context: Any, event_id: str, before: Drawn | None, after: Drawn) -> Any:
        """What changed from `before` to `after`, compared once for the subscribers that held
        the same slice before."""
        shared = context.hub.memo.value(event_id, ("compared", self.key), dict)
        if id(before) not in shared or shared[id(before)][0] is not before:
            # the drawing is kept beside: its id names no other object while the memo holds it
            old = before.slice if before else None
            shared[id(before)] = (before, compare(event_id, old, after.slice, resync=False))
        return shared[id(before)][1]

    async def changes(
        self, context: Any, hub: Hub, user: str | None, after: str | None
    ) -> AsyncGenerator[SliceChange]:
        """The subscription's changes: with `after`, one catching up on the changes since (the
        slice to take); then one per change that altered the slice."""
        start = after
        if after is None:
            # the slice as it stands now, and every change from just before it was drawn
            start = await hub.position()
            await self.draw(context, start)
        async with hub.subscription(context.client, user, self.may_touch, start) as feed:
            backlog = feed.backlog
            if after is not None:
                current = await self.draw(context, None)
                touched = [event_id for event_id, change in backlog if self.may_touch(change)]
                if touched:
                    context.event_id = touched[-1]
                    yield SliceChange(
                        event_id=strawberry.ID(touched[-1]),
                        resync=True,
                        added_nodes=[],
                        removed_nodes=[],
                        added_edges=[],
                        removed_edges=[],
                        reweighted_edges=[],
                        slice=current.slice,
                    )
                backlog = []
            async for event_id, change in _chain(backlog, feed.live):
                if not self.may_touch(change):
                    continue  # the slice moved on since the change was queued
                before = self.current
                found = self.compared(context, event_id, before, await self.draw(context, event_id))
                if found is not None:
                    yield found


async def _chain(first: list[Entry], then: AsyncIterator[Entry]) -> AsyncIterator[Entry]:
    for entry in first:
        yield entry
    async for entry in then:
        yield entry
