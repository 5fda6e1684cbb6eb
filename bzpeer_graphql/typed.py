"""Typed answers for a host app in Python: dataclasses read from the operations of
`operations/`, and each error code raised as its own exception type (see `errors`)."""

from __future__ import annotations

from dataclasses import dataclass
from functools import cache
from pathlib import Path
from typing import Any

from bzpeer_graphql.errors import (
    AlreadyMerged,
    ApiError,
    BadUserInput,
    ClaimConflict,
    Code,
    DatabaseUnavailable,
    Forbidden,
    NotAuthored,
    NotClaimed,
    NotFound,
    NotOpenToCollaborate,
    NotUndoable,
    ProposalClosed,
    RateLimited,
    Unauthenticated,
)

OPERATIONS = Path(__file__).with_name("operations")


class OperationError(ApiError):
    """An operation answered with errors: `code` is the first error's `extensions.code`,
    `errors` all of them as the response carried them, `data` what was answered besides."""

    def __init__(
        self,
        message: str,
        *,
        code: Code,
        errors: list[dict[str, Any]],
        data: dict[str, Any] | None,
        **extensions: Any,
    ) -> None:
        super().__init__(message, **extensions)
        self.code = code
        self.errors = errors
        self.data = data


def _typed(cls: type[ApiError]) -> type[OperationError]:
    return type(cls.__name__ + "Error", (OperationError, cls), {"__doc__": cls.__doc__})


#: the exception raised for each code; a code not listed raises `OperationError` itself
RAISED: dict[str, type[OperationError]] = {
    cls.code: _typed(cls)
    for cls in (
        BadUserInput,
        Unauthenticated,
        Forbidden,
        NotFound,
        ClaimConflict,
        AlreadyMerged,
        NotAuthored,
        NotUndoable,
        ProposalClosed,
        NotClaimed,
        NotOpenToCollaborate,
        RateLimited,
        DatabaseUnavailable,
    )
}


def raise_for_errors(response: dict[str, Any]) -> dict[str, Any]:
    """The response's data, or the exception of its first error's code."""
    errors: list[dict[str, Any]] = response.get("errors") or []
    if not errors:
        data: dict[str, Any] = response["data"]
        return data
    first = errors[0]
    extensions = dict(first.get("extensions") or {})
    raw = str(extensions.pop("code", Code.INTERNAL_SERVER_ERROR))
    code = Code(raw) if raw in Code.__members__ else Code.INTERNAL_SERVER_ERROR
    kind = RAISED.get(code, OperationError)
    raise kind(first["message"], code=code, errors=errors, data=response.get("data"), **extensions)


@cache
def operation(name: str) -> str:
    """The text of `operations/<name>.graphql`."""
    return (OPERATIONS / f"{name}.graphql").read_text(encoding="utf-8")


@dataclass(frozen=True)
class Institution:
    """An institution: id, name and ISO country code."""

    id: str
    name: str
    country: str | None


@dataclass(frozen=True)
class Counts:
    """Works, followers, topics, collaborators and citations of a researcher."""

    works: int
    followers: int
    topics: int
    close_collaborators: int
    coauthors: int
    citations: int


@dataclass(frozen=True)
class Trust:
    """The trust snapshot: score 0-100, label, verification level 0-3 and claim status."""

    score: int
    label: str
    verification_level: int
    claim_status: str


@dataclass(frozen=True)
class Researcher:
    """A researcher's profile, as the `Researcher` operation answers it."""

    id: str
    name: str
    headline: str | None
    orcid: str | None
    open_to_collaborate: bool
    viewer_follows: bool
    affiliation: Institution | None
    counts: Counts
    trust: Trust

    @classmethod
    def from_data(cls, found: dict[str, Any]) -> Researcher:
        """The profile from the operation's `researcher` object."""
        counts, trust, place = found["counts"], found["trust"], found["affiliation"]
        return cls(
            id=found["id"],
            name=found["name"],
            headline=found["headline"],
            orcid=found["orcid"],
            open_to_collaborate=found["openToCollaborate"],
            viewer_follows=found["viewerFollows"],
            affiliation=Institution(place["id"], place["name"], place["country"])
            if place
            else None,
            counts=Counts(
                works=counts["works"],
                followers=counts["followers"],
                topics=counts["topics"],
                close_collaborators=counts["closeCollaborators"],
                coauthors=counts["coauthors"],
                citations=counts["citations"],
            ),
            trust=Trust(
                score=trust["score"],
                label=trust["label"],
                verification_level=trust["verificationLevel"],
                claim_status=trust["claimStatus"],
            ),
        )
