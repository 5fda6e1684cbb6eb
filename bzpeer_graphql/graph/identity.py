"""Author identity on a researcher: the ids it absorbed and the history of merges and splits."""

from __future__ import annotations

from datetime import datetime
from enum import Enum

import strawberry

from bzpeer_graphql.engine.fields import Load
from bzpeer_graphql.graph.duplicates import DuplicateCandidate, MinScore, researcher_candidates
from bzpeer_graphql.graph.node import GraphInfo, Row
from bzpeer_graphql.graph.pagination import First
from bzpeer_graphql.graph.plans import by_own_id, first_of, no_args, planned, planned_by, top
from bzpeer_graphql.identity.likeness import DEFAULT_MIN_SCORE
from bzpeer_graphql.loaders.identity import ResearcherIdentityHistory, ResearcherMergedIds


@strawberry.enum(description="What an identity action did.")
class IdentityAction(Enum):
    MERGE = strawberry.enum_value("MERGE", description="One record absorbed another.")
    SPLIT = strawberry.enum_value("SPLIT", description="Works moved out to another record.")
    UNDO_MERGE = strawberry.enum_value(
        "UNDO_MERGE", description="An absorbed record was restored with what it brought."
    )
    PROPOSE_MERGE = strawberry.enum_value(
        "PROPOSE_MERGE", description="Someone proposed that two records are one person."
    )
    REJECT_MERGE = strawberry.enum_value(
        "REJECT_MERGE", description="A claimant or curator rejected a proposed merge."
    )


@strawberry.type(description="One recorded identity action: who, when, what, ids before and after.")
class IdentityEvent:
    id: strawberry.ID = strawberry.field(description="The action's id.")
    action: IdentityAction = strawberry.field(description="What was done.")
    at: datetime = strawberry.field(description="When.")
    by_id: strawberry.ID = strawberry.field(description="The user who did it (token subject).")
    by_handle: str = strawberry.field(description="That user's handle at the time.")
    curator: bool = strawberry.field(description="Whether they acted with the curator role.")
    before: list[strawberry.ID] = strawberry.field(description="The record ids involved before.")
    after: list[strawberry.ID] = strawberry.field(description="The live record ids after.")
    works: list[strawberry.ID] = strawberry.field(
        description="The paper ids whose authorship moved."
    )
    proposal: strawberry.ID | None = strawberry.field(
        description="The merge proposal this action concerns, if any."
    )

    @classmethod
    def from_row(cls, row: Row) -> IdentityEvent:
        return cls(
            id=strawberry.ID(row["id"]),
            action=IdentityAction(row["action"]),
            at=row["at"].to_native(),
            by_id=strawberry.ID(row["byId"]),
            by_handle=row.get("byHandle") or "",
            curator=bool(row.get("curator")),
            before=[strawberry.ID(i) for i in row.get("before") or []],
            after=[strawberry.ID(i) for i in row.get("after") or []],
            works=[strawberry.ID(i) for i in row.get("works") or []],
            proposal=row.get("proposal"),
        )


async def _duplicate_candidates(
    root: strawberry.Parent[Row],
    info: GraphInfo,
    first: First = None,
    min_score: MinScore = DEFAULT_MIN_SCORE,
) -> list[DuplicateCandidate] | None:
    return await researcher_candidates(info, root["id"], first, min_score)


@strawberry.type
class ResearcherIdentity:
    """Fields every researcher has for author identity (a base of `Researcher`)."""

    merged_ids: list[strawberry.ID] = planned(
        Load(ResearcherMergedIds, no_args, by_own_id, lambda ids, args, props: ids),
        "The ids of the records this one absorbed; each still resolves here.",
    )

    @planned_by(
        Load(
            ResearcherIdentityHistory,
            first_of,
            top,
            lambda rows, first, props: [IdentityEvent.from_row(row) for row in rows],
        ),
        "Merges, splits, undos and proposals concerning this record or any record it absorbed, "
        "newest first.",
    )
    def identity_history(self, first: First = None) -> list[IdentityEvent] | None: ...

    duplicate_candidates: list[DuplicateCandidate] | None = strawberry.field(
        resolver=_duplicate_candidates,
        description="Records that may be this same person, most likely first, with the evidence.",
    )
