"""Loaders of what a signed-in user did: follows, claims, invitations."""

from __future__ import annotations

from typing import Any

from bzpeer_graphql.db.database import Row
from bzpeer_graphql.loaders.base import CypherLoader, ListLoader, PageLoader, TopLoader


class ViewerFollows(PageLoader):
    """Researchers a user follows, most recently followed first."""

    query = "viewer_follows"


class ViewerClaims(ListLoader):
    """Author records a user claims, with whether each claim is verified."""

    query = "viewer_claims"


class ViewerInvitationsSent(TopLoader):
    """The newest invites a user sent; the key is (user id, first)."""

    query = "viewer_invitations_sent"


class ViewerInvitationsReceived(TopLoader):
    """The newest invites to the records a user claims; the key is (user id, first)."""

    query = "viewer_invitations_received"


class ResearcherViewerFollows(CypherLoader):
    """Whether a user follows a researcher; the key is (user id, researcher id)."""

    query = "researcher_viewer_follows"

    def wire_key(self, key: tuple[str, str]) -> dict[str, Any]:
        return {"viewer": key[0], "id": key[1]}

    def value(self, key: Any, rows: list[Row]) -> bool:
        return bool(rows and rows[0]["follows"])
