"""Merging, splitting and undoing author records, and proposals to merge; one transaction each."""

from __future__ import annotations

import uuid
from typing import Annotated, Any

import strawberry

from bzpeer_graphql.db.database import Row, Transaction
from bzpeer_graphql.db.duplicate_pairs import rescore_stale
from bzpeer_graphql.db.shared_papers import rank_topics
from bzpeer_graphql.errors import (
    AlreadyMerged,
    ApiError,
    BadUserInput,
    ClaimConflict,
    Forbidden,
    IdTaken,
    NotAuthored,
    NotFound,
    NotUndoable,
    ProposalClosed,
)
from bzpeer_graphql.graph.identity import IdentityEvent
from bzpeer_graphql.graph.node import GraphInfo
from bzpeer_graphql.graph.plans import as_node
from bzpeer_graphql.graph.researcher import Researcher
from bzpeer_graphql.identity import merge as identity
from bzpeer_graphql.live.changes import Change, ChangeKind, about
from bzpeer_graphql.loaders.identity import ResearcherIdentityHistory
from bzpeer_graphql.loaders.researcher import ResearcherById

MAX_SPLIT_WORKS = 1000

RecordId = Annotated[strawberry.ID, strawberry.argument(description="A researcher record id.")]
ProposalId = Annotated[strawberry.ID, strawberry.argument(description="The proposal's id.")]


@strawberry.type(description="The records as they stand after an identity action.")
class IdentityPayload:
    researcher: Researcher = strawberry.field(
        description="The record acted on: the survivor of a merge, the source of a split, the "
        "restored record of an undo."
    )
    other: Researcher | None = strawberry.field(
        description="The other live record: the record a split moved works to, the survivor an "
        "undo took the works back from; null after a merge."
    )
    changed: bool = strawberry.field(
        description="False when the action had already been done (a merge run again)."
    )
    event: IdentityEvent | None = strawberry.field(description="The recorded action, if any.")


@strawberry.type(description="A proposal that two records are one person.")
class MergeProposal:
    id: strawberry.ID = strawberry.field(description="The proposal's id.")
    into: strawberry.ID = strawberry.field(description="The record that would survive.")
    from_: strawberry.ID = strawberry.field(name="from", description="The record it would absorb.")
    status: str = strawberry.field(description="OPEN, ACCEPTED or REJECTED.")


def _fail(status: str, row: Row, what: str) -> ApiError:
    """The coded error a mutation file's status names."""
    errors: dict[str, ApiError] = {
        "NOT_FOUND": NotFound(f"no {what} has this id"),
        "SAME": BadUserInput("a record cannot be merged with or split into itself"),
        "ABSORBED": AlreadyMerged(
            "that record was absorbed by a merge; use the record it resolves to",
            absorbed=row.get("absorbed"),
        ),
        "CLAIM_CONFLICT": ClaimConflict("the two records are claimed by different people"),
        "FORBIDDEN": Forbidden(
            "only the claimant (for unclaimed records joining theirs) or a curator may do this"
        ),
        "NOT_AUTHORED": NotAuthored(
            "the record did not author every work named", works=row.get("missing")
        ),
        "NOT_MERGED": NotUndoable("this record was not absorbed by a merge"),
        "NOT_UNDOABLE": NotUndoable("the survivor was merged again: undo that merge first"),
        "CLOSED": ProposalClosed("this proposal was already accepted or rejected"),
        "ID_TAKEN": IdTaken(
            "the new record's id is another node's (ids are unique across kinds); try again",
            id=row.get("target"),
        ),
    }
    return errors[status]


def split_id(id: str) -> str:
    """The id of a new record split out of record `id`."""
    return f"{id}~{uuid.uuid4().hex[:10]}"


class _Action:
    """One identity action of the viewer: its parameters, and the transaction's steps."""

    def __init__(self, info: GraphInfo) -> None:
        viewer = info.context.signed_in()
        self.info = info
        self.event = identity.new_event()
        self.actor = identity.Actor(viewer.id, viewer.handle, viewer.curator)
        self.viewer: dict[str, Any] = self.actor.params()

    async def step(self, tx: Transaction, name: str, what: str, **params: Any) -> Row:
        """Runs one mutation file; raises the coded error its status names."""
        row = (await tx.run(f"mutations/{name}", {**self.viewer, **params}))[0]
        if row["status"] not in ("OK", "DONE"):
            raise _fail(row["status"], row, what)
        return row

    async def record(self, tx: Transaction, action: str, **params: Any) -> None:
        """Records the action in the history of every record it concerns."""
        await identity.record(tx, self.actor, self.event, action, **params)

    async def payload(self, id: str, other: str | None, changed: bool) -> IdentityPayload:
        ctx = self.info.context
        await rescore_stale(ctx.db)  # the candidate pairs around the records the action marked
        await rank_topics(ctx.db)  # the topics whose WORKS_ON the action moved
        row = await ctx.loader(ResearcherById).load(id)
        other_row = await ctx.loader(ResearcherById).load(other) if other else None
        event = None
        if changed:
            rows = await ctx.loader(ResearcherIdentityHistory).load((id, 1))
            event = IdentityEvent.from_row(rows[0]) if rows else None
        return IdentityPayload(
            researcher=as_node(row),
            other=as_node(other_row) if other_row else None,
            changed=changed,
            event=event,
        )


async def merge_in(
    action: _Action, tx: Transaction, into: str, from_: str, proposal: str | None
) -> bool:
    """Absorbs `from_` into `into` inside `tx` (the importer's merge too); False when it was
    already done."""
    row = await identity.merge(tx, action.actor, action.event, into, from_, proposal)
    if row["status"] not in ("OK", "DONE"):
        raise _fail(row["status"], row, "researcher")
    return bool(row["status"] == "OK")


@strawberry.type(description="Author identity changes: merge, split, undo, proposals.")
class IdentityMutation:
    @strawberry.mutation(
        description="Merge record `from` into `into`: authorships (positions kept), affiliations, "
        "followers, claims and invitations move; `from` keeps resolving to `into`. The claimant "
        "of `into` may merge unclaimed records; a curator any two not claimed by different "
        "people. Running it again changes nothing."
    )
    async def merge_researchers(
        self,
        info: GraphInfo,
        into: Annotated[strawberry.ID, strawberry.argument(description="The surviving record.")],
        from_: Annotated[
            strawberry.ID, strawberry.argument(name="from", description="The record to absorb.")
        ],
    ) -> IdentityPayload:
        action = _Action(info)

        async def work(tx: Transaction) -> bool:
            return await merge_in(action, tx, into, from_, None)

        changed = await info.context.mutate_together(work)
        if changed:
            await info.context.changed(about(ChangeKind.MERGE, into, from_))
        return await action.payload(into, None, changed)

    @strawberry.mutation(
        description="Move the named works out of a record into a new record (or `into`, an "
        "existing one). The claimant of the record or a curator may do it."
    )
    async def split_researcher(
        self,
        info: GraphInfo,
        id: RecordId,
        works: Annotated[
            list[strawberry.ID],
            strawberry.argument(description="Ids of the papers whose authorship moves."),
        ],
        into: Annotated[
            strawberry.ID | None,
            strawberry.argument(
                description="An existing record to move them to; a new one when null."
            ),
        ] = None,
    ) -> IdentityPayload:
        paper_ids = sorted(set(works))
        if not 1 <= len(paper_ids) <= MAX_SPLIT_WORKS:
            raise BadUserInput(f"name 1 to {MAX_SPLIT_WORKS} works to split out", argument="works")
        action = _Action(info)
        new_id = split_id(id)

        async def work(tx: Transaction) -> str:
            row = await action.step(
                tx,
                "split_researcher",
                "researcher",
                id=id,
                works=paper_ids,
                into=into,
                newId=new_id,
            )
            target: str = row["target"]
            params = {"source": id, "target": target, "works": paper_ids, "undo": False}
            moved = await tx.run("mutations/move_authorships", params)
            await tx.run(  # so that a reload of these works keeps them where they went
                "mutations/remember_split",
                {"source": id, "target": target, "works": moved[0]["works"]},
            )
            await identity.recount(tx, id, target)
            await action.record(
                tx,
                "SPLIT",
                before=[id],
                after=[id, target],
                works=sorted(moved[0]["works"]),
                concerns=[id, target],
            )
            moved_works[:] = moved[0]["works"]  # the transaction may run again
            return target

        moved_works: list[str] = []
        target = await info.context.mutate_together(work)
        nodes = (id, target, *sorted(set(moved_works)))
        await info.context.changed(Change(ChangeKind.SPLIT, id, target, nodes))
        return await action.payload(id, target, True)

    @strawberry.mutation(
        description="Undo the merge that absorbed record `id`: it comes back with exactly the "
        "authorships, followers, claims, invitations and affiliations it brought. The claimant "
        "of the survivor or a curator may do it."
    )
    async def undo_merge(self, info: GraphInfo, id: RecordId) -> IdentityPayload:
        action = _Action(info)

        async def work(tx: Transaction) -> str:
            row = await action.step(tx, "undo_merge", "absorbed record", id=id)
            survivor: str = row["survivor"]
            params = {"source": survivor, "target": id, "works": None, "undo": True}
            moved = await tx.run("mutations/move_authorships", params)
            await identity.recount(tx, survivor, id)
            works = sorted({*moved[0]["works"], *moved[0]["restored"]})
            await action.record(
                tx,
                "UNDO_MERGE",
                before=[survivor],
                after=[survivor, id],
                works=works,
                concerns=[survivor, id],
            )
            moved_works[:] = works  # the transaction may run again
            return survivor

        moved_works: list[str] = []
        survivor = await info.context.mutate_together(work)
        nodes = (survivor, id, *moved_works)
        await info.context.changed(Change(ChangeKind.UNDO_MERGE, survivor, id, nodes))
        return await action.payload(id, survivor, True)

    @strawberry.mutation(
        description="Propose that record `from` is the same person as `into`; anyone signed in "
        "may. A claimant of either or a curator accepts (as a merge with their rights) or rejects."
    )
    async def propose_merge(
        self,
        info: GraphInfo,
        into: Annotated[strawberry.ID, strawberry.argument(description="The record to keep.")],
        from_: Annotated[
            strawberry.ID, strawberry.argument(name="from", description="The record to absorb.")
        ],
        note: Annotated[
            str | None, strawberry.argument(description="Why, in at most 2000 characters.")
        ] = None,
    ) -> MergeProposal:
        if note is not None and len(note) > 2000:
            raise BadUserInput("note must be at most 2000 characters", argument="note")
        action = _Action(info)
        proposal = f"mp-{uuid.uuid4().hex}"

        async def work(tx: Transaction) -> None:
            params = {"proposal": proposal, "into": into, "from": from_, "note": note}
            await action.step(tx, "propose_merge", "researcher", **params)
            await action.record(
                tx,
                "PROPOSE_MERGE",
                before=[into, from_],
                after=[into, from_],
                proposal=proposal,
                concerns=[into, from_],
            )

        await info.context.mutate_together(work)
        return MergeProposal(id=strawberry.ID(proposal), into=into, from_=from_, status="OPEN")

    @strawberry.mutation(description="Accept a merge proposal: the merge runs with your rights.")
    async def accept_merge_proposal(self, info: GraphInfo, id: ProposalId) -> IdentityPayload:
        action = _Action(info)

        async def work(tx: Transaction) -> tuple[str, str, bool]:
            params = {"proposal": id, "decision": "ACCEPTED"}
            row = await action.step(tx, "close_merge_proposal", "merge proposal", **params)
            merged = await merge_in(action, tx, row["into"], row["from"], id)
            return row["into"], row["from"], merged

        into, from_, changed = await info.context.mutate_together(work)
        if changed:
            await info.context.changed(about(ChangeKind.MERGE, into, from_))
        return await action.payload(into, None, changed)

    @strawberry.mutation(description="Reject a merge proposal (a claimant of either or a curator).")
    async def reject_merge_proposal(self, info: GraphInfo, id: ProposalId) -> MergeProposal:
        action = _Action(info)

        async def work(tx: Transaction) -> Row:
            params = {"proposal": id, "decision": "REJECTED"}
            row = await action.step(tx, "close_merge_proposal", "merge proposal", **params)
            ids = [row["into"], row["from"]]
            await action.record(
                tx, "REJECT_MERGE", before=ids, after=ids, proposal=id, concerns=ids
            )
            return row

        row = await info.context.mutate_together(work)
        return MergeProposal(id=id, into=row["into"], from_=row["from"], status="REJECTED")
