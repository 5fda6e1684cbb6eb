"""The trust rules of DESIGN.md, on the seed profile's numbers and at the edges."""

from __future__ import annotations

from bzpeer_graphql.identity.trust import ClaimState, TrustSnapshot, trust_snapshot


def test_the_seed_profile_is_19_unverified_level_1() -> None:
    assert trust_snapshot(
        works=5,
        close_collaborators=4,
        followers=0,
        persistent_id=True,
        claimed=False,
        verified=False,
    ) == TrustSnapshot(19, "Unverified", 1, ClaimState.UNCLAIMED)


def test_no_persistent_identifier_is_level_0() -> None:
    assert trust_snapshot(
        works=5,
        close_collaborators=4,
        followers=0,
        persistent_id=False,
        claimed=False,
        verified=False,
    ) == TrustSnapshot(9, "Unverified", 0, ClaimState.UNCLAIMED)


def test_a_claim_is_level_2_and_adds_20() -> None:
    assert trust_snapshot(
        works=5,
        close_collaborators=4,
        followers=1,
        persistent_id=True,
        claimed=True,
        verified=False,
    ) == TrustSnapshot(50, "Claimed", 2, ClaimState.CLAIMED)


def test_a_verified_claim_is_level_3() -> None:
    assert trust_snapshot(
        works=5, close_collaborators=4, followers=0, persistent_id=True, claimed=True, verified=True
    ) == TrustSnapshot(59, "Verified", 3, ClaimState.VERIFIED)


def test_terms_are_capped_and_the_score_stops_at_100() -> None:
    assert (
        trust_snapshot(
            works=500,
            close_collaborators=80,
            followers=9000,
            persistent_id=True,
            claimed=True,
            verified=True,
        ).score
        == 30 + 20 + 10 + 10 + 20
    )
    assert (
        trust_snapshot(
            works=20,
            close_collaborators=10,
            followers=10,
            persistent_id=False,
            claimed=False,
            verified=False,
        ).score
        == 40
    )
