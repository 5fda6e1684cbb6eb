"""The trust snapshot rules of the profile page (DESIGN.md), as one pure function."""

from __future__ import annotations

from collections.abc import Mapping
from dataclasses import dataclass
from enum import Enum
from typing import Any


class ClaimState(Enum):
    UNCLAIMED = "UNCLAIMED"
    CLAIMED = "CLAIMED"
    VERIFIED = "VERIFIED"


@dataclass(frozen=True)
class TrustSnapshot:
    score: int
    label: str
    verification_level: int
    claim_status: ClaimState


LABELS = {0: "Unverified", 1: "Unverified", 2: "Claimed", 3: "Verified"}


def trust_snapshot(
    *,
    works: int,
    close_collaborators: int,
    followers: int,
    persistent_id: bool,
    claimed: bool,
    verified: bool,
) -> TrustSnapshot:
    """Level: L0 nothing, L1 a work with a DOI or arXiv id, L2 claimed, L3 claim verified by ORCID.

    Score: 10 x level + min(works, 20) + min(close collaborators, 10) + min(followers, 10)
    + 20 when claimed, at most 100.
    """
    if claimed and verified:
        level, status = 3, ClaimState.VERIFIED
    elif claimed:
        level, status = 2, ClaimState.CLAIMED
    else:
        level, status = (1 if persistent_id else 0), ClaimState.UNCLAIMED
    score = (
        10 * level
        + min(works, 20)
        + min(close_collaborators, 10)
        + min(followers, 10)
        + (20 if claimed else 0)
    )
    return TrustSnapshot(min(score, 100), LABELS[level], level, status)


def trust_from_stats(stats: Mapping[str, Any]) -> TrustSnapshot:
    """The snapshot from a row with works, closeCollaborators, followers, persistentId, claimed
    and verified (as `cypher/loaders/researcher_stats.cypher` returns them)."""
    return trust_snapshot(
        works=stats["works"],
        close_collaborators=stats["closeCollaborators"],
        followers=stats["followers"],
        persistent_id=stats["persistentId"],
        claimed=stats["claimed"],
        verified=stats["verified"],
    )
