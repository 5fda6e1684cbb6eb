"""The neighbourhood slice in a plan: `neighbourhood_slice` itself, called once per parent;
its levels go through the request's loaders, so the calls of one level share their batches."""

from __future__ import annotations

from dataclasses import dataclass
from typing import Any, cast

from bzpeer_graphql.engine.fields import Call, Row
from bzpeer_graphql.graph.neighbourhood import NodeKind, check, neighbourhood_slice
from bzpeer_graphql.graph.node import GraphInfo
from bzpeer_graphql.settings import Settings


@dataclass(frozen=True)
class _Info:
    """What `neighbourhood_slice` reads of a resolver's info: the request's context."""

    context: Any


def _slice_args(given: dict[str, Any], settings: Settings, selected: frozenset[str]) -> Any:
    check(given["depth"], given["limitPerNode"], given["maxNodes"])
    return given


async def _slice(context: Any, node_id: Any, kind: NodeKind | None, args: dict[str, Any]) -> Any:
    """The slice around `node_id` with the field's arguments."""
    return await neighbourhood_slice(
        cast(GraphInfo, _Info(context)),
        str(node_id),
        kind,
        args["depth"],
        args["kinds"],
        args["limitPerNode"],
        args["maxNodes"],
    )


async def _neighbourhood(source: Any, args: dict[str, Any], context: Any) -> Any:
    return await _slice(context, args["id"], None, args)


def graph_of(kind: NodeKind) -> Call:
    """A node's own `graph` field: the slice centered on it."""

    async def run(source: Row, args: dict[str, Any], context: Any) -> Any:
        return await _slice(context, source["id"], kind, args)

    return Call(run, _slice_args)


#: the root field `neighbourhood(id, ...)`
neighbourhood = Call(_neighbourhood, _slice_args)
