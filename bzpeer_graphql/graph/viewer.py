"""The signed-in viewer: who they are, what they follow, claim and send; and the mutations."""

from __future__ import annotations

from collections.abc import Callable
from datetime import datetime
from typing import Annotated, Any

import strawberry

from bzpeer_graphql.engine.fields import conn_of
from bzpeer_graphql.errors import (
    ApiError,
    BadUserInput,
    ClaimConflict,
    Forbidden,
    NotClaimed,
    NotFound,
    NotOpenToCollaborate,
    RateLimited,
)
from bzpeer_graphql.graph.node import GraphInfo, Row, limit, page_of
from bzpeer_graphql.graph.pagination import After, Before, Connection, First, Last
from bzpeer_graphql.graph.plans import as_node, list_key
from bzpeer_graphql.graph.researcher import Researcher
from bzpeer_graphql.live.changes import ChangeKind, about
from bzpeer_graphql.loaders.researcher import ResearcherById
from bzpeer_graphql.loaders.viewer import (
    ViewerClaims,
    ViewerFollows,
    ViewerInvitationsReceived,
    ViewerInvitationsSent,
)

MAX_MESSAGE = 2000
MAX_HEADLINE = 300

ResearcherId = Annotated[
    strawberry.ID, strawberry.argument(description="The id of the researcher record.")
]


#: what a user's id starts with, so that it never equals the id of a researcher, paper, topic or
#: institution (a normalised client cache keys records by id alone)
USER_ID_PREFIX = "user:"


@strawberry.type(description="A signed-in user of the site, as other users see them.")
class User:
    id: strawberry.ID = strawberry.field(
        description="The user's id: `user:` and the token's subject, so that no researcher, "
        "paper, topic or institution has it."
    )
    handle: str = strawberry.field(description="The user's display handle.")

    @classmethod
    def of(cls, subject: str, handle: str) -> User:
        """The user whose token has the subject `subject`."""
        return cls(id=strawberry.ID(USER_ID_PREFIX + subject), handle=handle)


@strawberry.type(description="A collaboration invite from a user to a claimed researcher.")
class Invitation:
    researcher: Researcher = strawberry.field(description="The researcher invited.")
    sender: User = strawberry.field(description="Who sent it.")
    message: str = strawberry.field(description="The message, as sent.")
    sent_at: datetime = strawberry.field(description="When it was sent.")

    @classmethod
    def from_row(cls, row: Row) -> Invitation:
        return cls(
            researcher=as_node(row["researcher"]),
            sender=User.of(row["senderId"], row["senderHandle"] or ""),
            message=row["message"],
            sent_at=row["at"].to_native(),
        )


@strawberry.type(description="An author record the viewer claims.")
class Claim:
    researcher: Researcher = strawberry.field(description="The record claimed.")
    verified: bool = strawberry.field(
        description="Whether the ORCID of the viewer's sign-in equals the record's ORCID."
    )
    claimed_at: datetime = strawberry.field(description="When the claim was made.")


@strawberry.type(
    description="The signed-in user of this request and what only they see. It has no `id` of "
    "its own: what it holds depends on who asks, so a client cache keeps it under `viewer`; "
    "the user as others see them is `user`."
)
class Viewer:
    subject: strawberry.Private[str]
    user: User = strawberry.field(description="The signed-in user, as other users see them.")
    orcid: str | None = strawberry.field(
        description="The ORCID iD the identity provider put in the token, if any."
    )

    @strawberry.field(description="Researchers the viewer follows, most recently followed first.")
    async def follows(
        self,
        info: GraphInfo,
        first: First = None,
        after: After = None,
        last: Last = None,
        before: Before = None,
    ) -> Connection[Researcher] | None:
        request = page_of(info, first, after, last, before, "FOLLOWS")
        result = await info.context.loader(ViewerFollows).load(list_key(self.subject, request))
        return conn_of(result, request, None)  # type: ignore[return-value]

    @strawberry.field(description="Author records the viewer claims, oldest claim first.")
    async def claims(self, info: GraphInfo) -> list[Claim]:
        rows = await info.context.loader(ViewerClaims).load(self.subject)
        return [
            Claim(
                researcher=as_node(row["node"]),
                verified=bool(row["verified"]),
                claimed_at=row["at"].to_native(),
            )
            for row in rows
        ]

    @strawberry.field(description="Invites the viewer sent, newest first.")
    async def invitations_sent(
        self, info: GraphInfo, first: First = None
    ) -> list[Invitation] | None:
        rows = await info.context.loader(ViewerInvitationsSent).load(
            (self.subject, limit(info, first))
        )
        return [Invitation.from_row(row) for row in rows]

    @strawberry.field(description="Invites to the records the viewer claims, newest first.")
    async def invitations_received(
        self, info: GraphInfo, first: First = None
    ) -> list[Invitation] | None:
        loader = info.context.loader(ViewerInvitationsReceived)
        rows = await loader.load((self.subject, limit(info, first)))
        return [Invitation.from_row(row) for row in rows]


def resolve_viewer(info: GraphInfo) -> Viewer | None:
    viewer = info.context.viewer
    if viewer is None:
        return None
    return Viewer(subject=viewer.id, user=User.of(viewer.id, viewer.handle), orcid=viewer.orcid)


@strawberry.type
class ViewerQuery:
    viewer: Viewer | None = strawberry.field(
        resolver=resolve_viewer,
        description="The signed-in user (from `Authorization: Bearer`); null without a token.",
    )


@strawberry.type(description="The researcher as it stands after the change.")
class ResearcherPayload:
    researcher: Researcher = strawberry.field(
        description="The researcher, with counts, trust and viewerFollows read after the change."
    )


@strawberry.type(description="The invite just sent.")
class InvitationPayload:
    invitation: Invitation = strawberry.field(description="The invite, as stored.")


Errors = dict[str, Callable[[Row], ApiError]]

_NOT_FOUND: Errors = {"NOT_FOUND": lambda row: NotFound("no researcher has this id")}


async def _mutate(info: GraphInfo, name: str, params: dict[str, Any], errors: Errors) -> Row:
    """Runs one mutation file and turns its `status` into the error it names."""
    rows = await info.context.mutate(name, params)
    row = rows[0]
    if row["status"] != "OK":
        raise errors[row["status"]](row)
    return row


async def _payload(info: GraphInfo, id: str) -> ResearcherPayload:
    row = await info.context.loader(ResearcherById).load(id)
    return ResearcherPayload(researcher=as_node(row))


def _message(text: str) -> str:
    message = text.strip()
    if not 1 <= len(message) <= MAX_MESSAGE:
        raise BadUserInput(
            f"message must be 1 to {MAX_MESSAGE} characters after trimming (got {len(message)})",
            argument="message",
        )
    return message


def _headline(text: str | None) -> str | None:
    headline = (text or "").strip()
    if len(headline) > MAX_HEADLINE:
        raise BadUserInput(
            f"headline must be at most {MAX_HEADLINE} characters", argument="headline"
        )
    return headline or None


@strawberry.type(description="Changes a signed-in viewer makes; each one is one transaction.")
class Mutation:
    @strawberry.mutation(description="Follow a researcher; following again changes nothing.")
    async def follow_researcher(self, info: GraphInfo, id: ResearcherId) -> ResearcherPayload:
        await _mutate(info, "follow_researcher", {"id": id}, _NOT_FOUND)
        await info.context.changed(about(ChangeKind.FOLLOW, id))
        return await _payload(info, id)

    @strawberry.mutation(description="Stop following a researcher; again changes nothing.")
    async def unfollow_researcher(self, info: GraphInfo, id: ResearcherId) -> ResearcherPayload:
        await _mutate(info, "unfollow_researcher", {"id": id}, _NOT_FOUND)
        await info.context.changed(about(ChangeKind.FOLLOW, id))
        return await _payload(info, id)

    @strawberry.mutation(
        description="Claim an author record as yours. Verified (level 3) only when the ORCID of "
        "your sign-in token equals the record's; otherwise claimed (level 2)."
    )
    async def claim_researcher(self, info: GraphInfo, id: ResearcherId) -> ResearcherPayload:
        errors: Errors = {
            **_NOT_FOUND,
            "CLAIM_CONFLICT": lambda row: ClaimConflict("another user already claims this record"),
        }
        orcid = info.context.signed_in().orcid
        await _mutate(info, "claim_researcher", {"id": id, "orcid": orcid}, errors)
        await info.context.changed(about(ChangeKind.CLAIM, id))
        return await _payload(info, id)

    @strawberry.mutation(description="Give up your claim of an author record.")
    async def release_claim(self, info: GraphInfo, id: ResearcherId) -> ResearcherPayload:
        errors: Errors = {
            **_NOT_FOUND,
            "NOT_CLAIMED": lambda row: NotClaimed("nobody claims this record"),
            "FORBIDDEN": lambda row: Forbidden("only the claimant can release a claim"),
        }
        await _mutate(info, "release_claim", {"id": id}, errors)
        await info.context.changed(about(ChangeKind.CLAIM, id))
        return await _payload(info, id)

    @strawberry.mutation(
        description="Edit the profile of a record you claim; an argument left out stays as is, "
        "an empty headline clears it."
    )
    async def update_researcher_profile(
        self,
        info: GraphInfo,
        id: ResearcherId,
        headline: Annotated[
            str | None,
            strawberry.argument(
                description=f"The new one-line headline, at most {MAX_HEADLINE} characters after "
                "trimming; empty or null clears it; left out, it stays."
            ),
        ] = strawberry.UNSET,
        open_to_collaborate: Annotated[
            bool | None,
            strawberry.argument(
                description="Whether the researcher accepts collaboration invites; left out or "
                "null, it stays."
            ),
        ] = None,
    ) -> ResearcherPayload:
        set_headline = headline is not strawberry.UNSET
        params = {
            "id": id,
            "setHeadline": set_headline,
            "headline": _headline(headline) if set_headline else None,
            "openToCollaborate": open_to_collaborate,
        }
        errors: Errors = {
            **_NOT_FOUND,
            "FORBIDDEN": lambda row: Forbidden("only the claimant can edit this profile"),
        }
        await _mutate(info, "update_researcher_profile", params, errors)
        await info.context.changed(about(ChangeKind.PROFILE, id))
        return await _payload(info, id)

    @strawberry.mutation(
        description="Invite the claimant of a researcher record to collaborate: the record must "
        "be claimed and open to collaborate; one invite per researcher per 24 h, and a daily cap."
    )
    async def send_collaboration_invite(
        self,
        info: GraphInfo,
        researcher_id: Annotated[
            strawberry.ID, strawberry.argument(description="The id of the researcher to invite.")
        ],
        message: Annotated[
            str,
            strawberry.argument(
                description=f"What to tell them: 1 to {MAX_MESSAGE} characters after trimming."
            ),
        ],
    ) -> InvitationPayload:
        text = _message(message)
        per_day = info.context.settings.invites_per_day
        errors: Errors = {
            **_NOT_FOUND,
            "NOT_CLAIMED": lambda row: NotClaimed(
                "claim this author entity first: only claimed researchers receive invites"
            ),
            "SELF": lambda row: Forbidden("you cannot invite a record you claim yourself"),
            "NOT_OPEN_TO_COLLABORATE": lambda row: NotOpenToCollaborate(
                "this researcher is not open to collaborate"
            ),
            "PAIR_LIMIT": lambda row: RateLimited(
                "you invited this researcher less than 24 h ago", retryAfter=row["retryAfter"]
            ),
            "DAY_LIMIT": lambda row: RateLimited(
                f"at most {per_day} invites per 24 h", retryAfter=row["retryAfter"]
            ),
        }
        params = {"id": researcher_id, "message": text, "perDay": per_day}
        row = await _mutate(info, "send_collaboration_invite", params, errors)
        viewer = info.context.signed_in()
        audience = (viewer.id, row["claimant"])  # the invite's text and sender are theirs alone
        await info.context.changed(about(ChangeKind.INVITE, researcher_id, audience=audience))
        researcher = await info.context.loader(ResearcherById).load(researcher_id)
        invitation = Invitation(
            researcher=as_node(researcher),
            sender=User.of(viewer.id, viewer.handle),
            message=text,
            sent_at=row["sentAt"].to_native(),
        )
        return InvitationPayload(invitation=invitation)
