"""Subscriptions: changes to one researcher record, and changes inside a neighbourhood slice,
from the change log every write path appends to (`bzpeer_graphql/live/`)."""

from __future__ import annotations

from collections.abc import AsyncGenerator
from contextlib import AbstractAsyncContextManager
from enum import Enum
from typing import Annotated

import strawberry

from bzpeer_graphql.errors import LiveUnavailable
from bzpeer_graphql.graph.live_slices import SliceChange, SliceWatch
from bzpeer_graphql.graph.neighbourhood import Depth, LimitPerNode, MaxNodes, SliceKinds
from bzpeer_graphql.graph.node import GraphInfo, describe_values
from bzpeer_graphql.graph.researcher import Researcher
from bzpeer_graphql.live.changes import Change, ChangeKind
from bzpeer_graphql.live.hub import Feed, Hub
from bzpeer_graphql.loaders.explore import SLICE_DEFAULTS
from bzpeer_graphql.loaders.researcher import ResearcherByIdOrMerged


@strawberry.enum(description="What changed about a researcher record.")
class ResearcherChangeKind(Enum):
    FOLLOWERS = "FOLLOWERS"
    CLAIM = "CLAIM"
    PROFILE = "PROFILE"
    INVITATION = "INVITATION"
    ABSORBED = "ABSORBED"
    MERGED_INTO = "MERGED_INTO"
    SPLIT_OUT = "SPLIT_OUT"
    SPLIT_IN = "SPLIT_IN"
    UNMERGED = "UNMERGED"
    RESTORED = "RESTORED"
    WORKS = "WORKS"


describe_values(
    ResearcherChangeKind,
    FOLLOWERS="Someone followed or unfollowed it (counts and trust).",
    CLAIM="It was claimed, or its claim released (trust).",
    PROFILE="Its claimant edited the headline or openness to collaborate.",
    INVITATION="A collaboration invite to it; only its sender and its recipient see this.",
    ABSORBED="It absorbed record `otherId` by a merge.",
    MERGED_INTO="It was absorbed into record `otherId` by a merge; its id now resolves there.",
    SPLIT_OUT="Works moved out of it into record `otherId`.",
    SPLIT_IN="Works moved into it out of record `otherId`.",
    UNMERGED="Record `otherId`, absorbed before, came back out of it (an undo).",
    RESTORED="It came back out of record `otherId` (an undo of the merge that absorbed it).",
    WORKS="An import changed its works, authorships or affiliations.",
)


@strawberry.type(description="One change to a researcher record, right after its commit.")
class ResearcherChange:
    event_id: strawberry.ID = strawberry.field(
        description="The change's place in the change log: subscribe again with `after` set to "
        "the last one received to miss nothing."
    )
    kind: ResearcherChangeKind = strawberry.field(description="What changed.")
    researcher_id: strawberry.ID = strawberry.field(description="The record subscribed to.")
    other_id: strawberry.ID | None = strawberry.field(
        description="The other record of a merge, split or undo; null otherwise."
    )
    researcher: Researcher | None = strawberry.field(
        description="The record as it stands after the change (a record absorbed by a merge: "
        "the record that absorbed it); null when it is gone."
    )


#: a change's kind as seen from its `record`, and from its `other` record
_SEEN_AS = {
    ChangeKind.FOLLOW: (ResearcherChangeKind.FOLLOWERS, ResearcherChangeKind.FOLLOWERS),
    ChangeKind.CLAIM: (ResearcherChangeKind.CLAIM, ResearcherChangeKind.CLAIM),
    ChangeKind.PROFILE: (ResearcherChangeKind.PROFILE, ResearcherChangeKind.PROFILE),
    ChangeKind.INVITE: (ResearcherChangeKind.INVITATION, ResearcherChangeKind.INVITATION),
    ChangeKind.MERGE: (ResearcherChangeKind.ABSORBED, ResearcherChangeKind.MERGED_INTO),
    ChangeKind.SPLIT: (ResearcherChangeKind.SPLIT_OUT, ResearcherChangeKind.SPLIT_IN),
    ChangeKind.UNDO_MERGE: (ResearcherChangeKind.UNMERGED, ResearcherChangeKind.RESTORED),
    ChangeKind.IMPORT: (ResearcherChangeKind.WORKS, ResearcherChangeKind.WORKS),
}


def seen_from(change: Change, researcher: str) -> tuple[ResearcherChangeKind, str | None]:
    """The kind of a change and the other record it names, as seen from `researcher`."""
    as_record, as_other = _SEEN_AS[change.kind]
    if change.other is not None and researcher == change.other:
        return as_other, change.record
    return as_record, change.other


def hub_of(info: GraphInfo) -> Hub:
    """The change log's hub of this server process."""
    hub = info.context.hub
    if hub is None:
        raise LiveUnavailable("subscriptions are not served here")
    return hub


After = Annotated[
    strawberry.ID | None,
    strawberry.argument(
        description="The last eventId received: the changes after it come first (those the "
        "change log still keeps, BZPEER_LIVE_RETENTION), then new ones; EVENTS_EXPIRED when "
        "some are no longer kept. Left out: new changes only. Over server-sent events, a "
        "`Last-Event-ID` header (sent by a reconnecting client) takes its place."
    ),
]


async def _researcher_changes(
    info: GraphInfo, subscription: AbstractAsyncContextManager[Feed], researcher: str
) -> AsyncGenerator[ResearcherChange]:
    context = info.context
    async with subscription as feed:
        caught_up = len(feed.backlog)
        async for event_id, change in feed.entries():
            kind, other = seen_from(change, researcher)
            # a change caught up on is read as things stand now; a new one once for all the
            # subscribers of this process, right after it
            context.read_change(event_id, afresh=caught_up > 0)
            caught_up -= 1
            row = await context.loader(ResearcherByIdOrMerged).load(researcher)
            yield ResearcherChange(
                event_id=strawberry.ID(event_id),
                kind=kind,
                researcher_id=strawberry.ID(researcher),
                other_id=strawberry.ID(other) if other is not None else None,
                researcher=row,
            )


@strawberry.type(description="Changes as they are committed, from every write path.")
class Subscription:
    @strawberry.subscription(
        description="Each change to one researcher record: followers, claim and trust, profile, "
        "invitations (to their sender and recipient only), merges, splits, undos, imports."
    )
    async def researcher_changed(
        self,
        info: GraphInfo,
        id: Annotated[strawberry.ID, strawberry.argument(description="The record's id.")],
        after: After = None,
    ) -> AsyncGenerator[ResearcherChange]:
        hub = hub_of(info)
        context = info.context
        start = context.resume_after or after
        hub.admit(context.client, start)
        viewer = context.viewer.id if context.viewer else None
        researcher = str(id)
        feed = hub.subscription(
            context.client, viewer, lambda change: change.concerns(researcher), start
        )
        return _researcher_changes(info, feed, researcher)

    @strawberry.subscription(
        description="Changes inside the neighbourhood slice of a node (as `neighbourhood` draws "
        "it): nodes and edges added or removed, edges re-weighted (coauthorship included)."
    )
    async def slice_changed(
        self,
        info: GraphInfo,
        center: Annotated[strawberry.ID, strawberry.argument(description="The center's id.")],
        depth: Depth = SLICE_DEFAULTS["depth"],
        kinds: SliceKinds = None,
        limit_per_node: LimitPerNode = SLICE_DEFAULTS["limitPerNode"],
        max_nodes: MaxNodes = SLICE_DEFAULTS["maxNodes"],
        after: After = None,
    ) -> AsyncGenerator[SliceChange]:
        hub = hub_of(info)
        context = info.context
        start = context.resume_after or after
        hub.admit(context.client, start)
        watch = SliceWatch(str(center), depth, kinds, limit_per_node, max_nodes)
        watch.check()
        viewer = context.viewer.id if context.viewer else None
        return watch.changes(context, hub, viewer, start)
