"""The signed-in viewer over HTTP with real tokens: follow, claim, invite, profile, trust."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from dataclasses import replace
from typing import Any

import httpx
import pytest

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.helpers import data, gql, wipe

SEED = "gongfan-fang"
ORCID = "0000-0002-1825-0097"

PROFILE = """query($id: ID!) { researcher(id: $id) {
  viewerFollows counts { followers } trust { score label verificationLevel claimStatus } } }"""
FOLLOW = """mutation($id: ID!) { followResearcher(id: $id) { researcher {
  viewerFollows counts { followers } trust { score label verificationLevel claimStatus } } } }"""
UNFOLLOW = """mutation($id: ID!) { unfollowResearcher(id: $id) { researcher {
  viewerFollows counts { followers } } } }"""
CLAIM = """mutation($id: ID!) { claimResearcher(id: $id) { researcher {
  trust { score label verificationLevel claimStatus } } } }"""
RELEASE = """mutation($id: ID!) { releaseClaim(id: $id) { researcher {
  trust { score label verificationLevel claimStatus } } } }"""
INVITE = """mutation($id: ID!, $message: String!) {
  sendCollaborationInvite(researcherId: $id, message: $message) {
    invitation { researcher { id } sender { id handle } message sentAt } } }"""
UPDATE = """mutation($id: ID!, $headline: String, $open: Boolean) {
  updateResearcherProfile(id: $id, headline: $headline, openToCollaborate: $open) {
    researcher { headline openToCollaborate } } }"""
VIEWER = """{ viewer { user { id handle } orcid
  follows(first: 10) { totalCount edges { node { id } } }
  claims { researcher { id } verified }
  invitationsSent { researcher { id } message }
  invitationsReceived { researcher { id } sender { id handle } message } } }"""

UNCLAIMED = {"score": 19, "label": "Unverified", "verificationLevel": 1, "claimStatus": "UNCLAIMED"}
CLAIMED = {"score": 49, "label": "Claimed", "verificationLevel": 2, "claimStatus": "CLAIMED"}


@pytest.fixture(autouse=True)
async def fresh(db: Database) -> Database:
    """Every test starts from the seed data plus one hand-built researcher with an ORCID."""
    await wipe(db)
    await load_seed(db)
    await db.driver.execute_query(
        "CREATE (:Researcher {id: 'ada', name: 'Ada Example', orcid: $orcid, "
        "openToCollaborate: false})",
        {"orcid": f"https://orcid.org/{ORCID}"},
    )
    return db


def token(settings: Settings, user: str, orcid: str | None = None) -> str:
    return mint(settings, user, f"{user}-handle", orcid=orcid)


def codes(body: dict[str, Any]) -> list[str]:
    return [error["extensions"]["code"] for error in body.get("errors", [])]


async def test_reads_need_no_token(client: httpx.AsyncClient) -> None:
    body = await data(
        client, '{ viewer { orcid } researcher(id: "gongfan-fang") { viewerFollows } }'
    )
    assert body == {"viewer": None, "researcher": {"viewerFollows": False}}


@pytest.mark.parametrize(
    "header",
    ["Bearer not-a-token", "Basic dXNlcjpwYXNz", "Bearer eyJhbGciOiJub25lIn0.e30."],
)
async def test_a_bad_token_fails_any_request_with_401(
    client: httpx.AsyncClient, header: str
) -> None:
    response = await client.post(
        "/graphql",
        json={"query": "{ graphStats { researchers } }"},
        headers={"Authorization": header},
    )
    assert response.status_code == 401
    assert response.headers["www-authenticate"].startswith("Bearer")
    assert codes(response.json()) == ["UNAUTHENTICATED"]


async def test_an_expired_or_tampered_token_is_unauthenticated(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    expired = mint(settings, "u1", "ann", ttl_s=-3600)
    head, body, signature = token(settings, "u1").split(".")
    tampered = f"{head}.{body}.{signature[:-4]}AAAA"
    for bad in (expired, tampered):
        response = await client.post(
            "/graphql",
            json={"query": FOLLOW, "variables": {"id": SEED}},
            headers={"Authorization": f"Bearer {bad}"},
        )
        assert response.status_code == 401
        assert codes(response.json()) == ["UNAUTHENTICATED"]


@pytest.mark.parametrize(
    ("mutation", "variables"),
    [
        (FOLLOW, {"id": SEED}),
        (UNFOLLOW, {"id": SEED}),
        (CLAIM, {"id": SEED}),
        (RELEASE, {"id": SEED}),
        (INVITE, {"id": SEED, "message": "hello"}),
        (UPDATE, {"id": SEED, "headline": "x"}),
    ],
)
async def test_every_mutation_needs_a_token(
    client: httpx.AsyncClient, mutation: str, variables: dict[str, Any]
) -> None:
    assert codes(await gql(client, mutation, variables)) == ["UNAUTHENTICATED"]


async def test_the_viewer_is_who_the_token_says(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    query = "{ viewer { user { id handle } orcid } }"
    body = await data(client, query, token=token(settings, "u1", ORCID))
    assert body == {"viewer": {"user": {"id": "user:u1", "handle": "u1-handle"}, "orcid": ORCID}}


async def test_following_twice_leaves_one_follow(
    client: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    ann = token(settings, "ann")
    for _ in range(2):
        result = await data(client, FOLLOW, {"id": SEED}, token=ann)
    researcher = result["followResearcher"]["researcher"]
    assert researcher["viewerFollows"] is True
    assert researcher["counts"] == {"followers": 1}
    assert researcher["trust"] == {**UNCLAIMED, "score": 20}
    rows, _, _ = await db.driver.execute_query("MATCH (:User)-[f:FOLLOWS]->() RETURN count(f) AS n")
    assert rows[0]["n"] == 1
    # another viewer sees the count but does not follow
    other = await data(client, PROFILE, {"id": SEED}, token=token(settings, "bob"))
    assert other["researcher"]["viewerFollows"] is False
    assert other["researcher"]["counts"] == {"followers": 1}


async def test_unfollowing_is_idempotent(client: httpx.AsyncClient, settings: Settings) -> None:
    ann = token(settings, "ann")
    await data(client, FOLLOW, {"id": SEED}, token=ann)
    for _ in range(2):
        result = await data(client, UNFOLLOW, {"id": SEED}, token=ann)
        assert result["unfollowResearcher"]["researcher"] == {
            "viewerFollows": False,
            "counts": {"followers": 0},
        }


async def test_following_an_unknown_researcher_is_not_found(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann = token(settings, "ann")
    assert codes(await gql(client, FOLLOW, {"id": "nobody"}, token=ann)) == ["NOT_FOUND"]
    assert codes(await gql(client, UNFOLLOW, {"id": "nobody"}, token=ann)) == ["NOT_FOUND"]


async def test_fifty_concurrent_follows_make_fifty_followers(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    tokens = [token(settings, f"fan-{n}") for n in range(50)]
    results = await asyncio.gather(*(gql(client, FOLLOW, {"id": SEED}, token=t) for t in tokens))
    assert [codes(body) for body in results] == [[]] * 50
    body = await data(client, PROFILE, {"id": SEED})
    assert body["researcher"]["counts"] == {"followers": 50}
    assert body["researcher"]["trust"]["score"] == 19 + 10  # followers count up to 10


async def test_viewer_follows_pages_most_recent_first(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann = token(settings, "ann")
    for researcher in (SEED, "ada", "xinchao-wang"):
        await data(client, FOLLOW, {"id": researcher}, token=ann)
    query = """query($after: String) { viewer { follows(first: 2, after: $after) {
      totalCount pageInfo { hasNextPage endCursor } edges { node { id } } } } }"""
    first = (await data(client, query, token=ann))["viewer"]["follows"]
    assert first["totalCount"] == 3
    assert first["pageInfo"]["hasNextPage"] is True
    after = first["pageInfo"]["endCursor"]
    second = (await data(client, query, {"after": after}, token=ann))["viewer"]["follows"]
    ids = [edge["node"]["id"] for edge in first["edges"] + second["edges"]]
    assert ids == ["xinchao-wang", "ada", SEED]
    assert second["pageInfo"]["hasNextPage"] is False


async def test_a_claim_without_orcid_is_level_2(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann = token(settings, "ann")
    before = await data(client, PROFILE, {"id": SEED})
    assert before["researcher"]["trust"] == UNCLAIMED
    for _ in range(2):  # claiming again is idempotent
        result = await data(client, CLAIM, {"id": SEED}, token=ann)
        assert result["claimResearcher"]["researcher"]["trust"] == CLAIMED
    viewer = await data(client, VIEWER, token=ann)
    assert viewer["viewer"]["claims"] == [{"researcher": {"id": SEED}, "verified": False}]


async def test_a_second_claimant_is_a_conflict(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await data(client, CLAIM, {"id": SEED}, token=token(settings, "ann"))
    body = await gql(client, CLAIM, {"id": SEED}, token=token(settings, "bob"))
    assert codes(body) == ["CLAIM_CONFLICT"]
    assert codes(await gql(client, CLAIM, {"id": "nobody"}, token=token(settings, "bob"))) == [
        "NOT_FOUND"
    ]


async def test_concurrent_claims_leave_one_claimant(
    client: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    tokens = [token(settings, f"claimant-{n}") for n in range(10)]
    results = await asyncio.gather(*(gql(client, CLAIM, {"id": SEED}, token=t) for t in tokens))
    assert sorted(tuple(codes(body)) for body in results) == [()] + [("CLAIM_CONFLICT",)] * 9
    rows, _, _ = await db.driver.execute_query("MATCH ()-[c:CLAIMED]->() RETURN count(c) AS n")
    assert rows[0]["n"] == 1


async def test_the_token_orcid_verifies_a_claim(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    result = await data(client, CLAIM, {"id": "ada"}, token=token(settings, "ada-user", ORCID))
    # level 3: 30 + 0 works + 0 collaborators + 0 followers + 20 claimed
    assert result["claimResearcher"]["researcher"]["trust"] == {
        "score": 50,
        "label": "Verified",
        "verificationLevel": 3,
        "claimStatus": "VERIFIED",
    }


@pytest.mark.parametrize("orcid", [None, "0000-0001-0000-0000"])
async def test_a_token_without_the_records_orcid_claims_at_level_2(
    client: httpx.AsyncClient, settings: Settings, orcid: str | None
) -> None:
    result = await data(client, CLAIM, {"id": "ada"}, token=token(settings, "ada-user", orcid))
    assert result["claimResearcher"]["researcher"]["trust"] == {
        "score": 40,
        "label": "Claimed",
        "verificationLevel": 2,
        "claimStatus": "CLAIMED",
    }


async def test_an_orcid_argument_does_not_exist(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    query = f'mutation {{ claimResearcher(id: "ada", orcid: "{ORCID}") {{ researcher {{ id }} }} }}'
    body = await gql(client, query, token=token(settings, "ada-user"))
    assert codes(body) == ["GRAPHQL_VALIDATION_FAILED"]


async def test_only_the_claimant_releases_a_claim(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann, bob = token(settings, "ann"), token(settings, "bob")
    assert codes(await gql(client, RELEASE, {"id": SEED}, token=ann)) == ["NOT_CLAIMED"]
    await data(client, CLAIM, {"id": SEED}, token=ann)
    assert codes(await gql(client, RELEASE, {"id": SEED}, token=bob)) == ["FORBIDDEN"]
    result = await data(client, RELEASE, {"id": SEED}, token=ann)
    assert result["releaseClaim"]["researcher"]["trust"] == UNCLAIMED
    assert codes(await gql(client, RELEASE, {"id": "nobody"}, token=ann)) == ["NOT_FOUND"]


async def test_only_the_claimant_edits_the_profile(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann, bob = token(settings, "ann"), token(settings, "bob")
    assert codes(await gql(client, UPDATE, {"id": SEED, "headline": "x"}, token=ann)) == [
        "FORBIDDEN"
    ]
    await data(client, CLAIM, {"id": SEED}, token=ann)
    assert codes(await gql(client, UPDATE, {"id": SEED, "headline": "x"}, token=bob)) == [
        "FORBIDDEN"
    ]
    result = await data(client, UPDATE, {"id": SEED, "headline": "  Pruning. "}, token=ann)
    assert result["updateResearcherProfile"]["researcher"] == {
        "headline": "Pruning.",
        "openToCollaborate": True,
    }
    result = await data(client, UPDATE, {"id": SEED, "open": False}, token=ann)
    assert result["updateResearcherProfile"]["researcher"] == {
        "headline": "Pruning.",
        "openToCollaborate": False,
    }
    assert codes(await gql(client, UPDATE, {"id": "nobody", "open": True}, token=ann)) == [
        "NOT_FOUND"
    ]


async def test_invites_go_only_to_claimed_researchers(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    body = await gql(client, INVITE, {"id": SEED, "message": "hi"}, token=token(settings, "bob"))
    assert codes(body) == ["NOT_CLAIMED"]
    assert body["errors"][0]["message"].startswith("claim this author entity first")
    body = await gql(client, INVITE, {"id": "nobody", "message": "hi"}, token=token(settings, "b"))
    assert codes(body) == ["NOT_FOUND"]


async def test_invites_go_only_to_researchers_open_to_collaborate(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    await data(client, CLAIM, {"id": "ada"}, token=token(settings, "ada-user", ORCID))
    body = await gql(client, INVITE, {"id": "ada", "message": "hi"}, token=token(settings, "bob"))
    assert codes(body) == ["NOT_OPEN_TO_COLLABORATE"]


async def test_nobody_invites_themselves(client: httpx.AsyncClient, settings: Settings) -> None:
    ann = token(settings, "ann")
    await data(client, CLAIM, {"id": SEED}, token=ann)
    assert codes(await gql(client, INVITE, {"id": SEED, "message": "me"}, token=ann)) == [
        "FORBIDDEN"
    ]


@pytest.mark.parametrize("message", ["", "   \n ", "x" * 2001])
async def test_an_invite_message_is_1_to_2000_characters(
    client: httpx.AsyncClient, settings: Settings, message: str
) -> None:
    await data(client, CLAIM, {"id": SEED}, token=token(settings, "ann"))
    body = await gql(client, INVITE, {"id": SEED, "message": message}, token=token(settings, "bob"))
    assert codes(body) == ["BAD_USER_INPUT"]


async def test_the_claimant_receives_an_invite_once_a_day_per_sender(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann, bob = token(settings, "ann"), token(settings, "bob")
    await data(client, CLAIM, {"id": SEED}, token=ann)
    message = " " + "x" * 2000 + " "  # 2000 after trimming
    sent = await data(client, INVITE, {"id": SEED, "message": message}, token=bob)
    invitation = sent["sendCollaborationInvite"]["invitation"]
    assert invitation["researcher"] == {"id": SEED}
    assert invitation["sender"] == {"id": "user:bob", "handle": "bob-handle"}
    assert invitation["message"] == "x" * 2000
    received = (await data(client, VIEWER, token=ann))["viewer"]["invitationsReceived"]
    assert received == [
        {
            "researcher": {"id": SEED},
            "sender": {"id": "user:bob", "handle": "bob-handle"},
            "message": "x" * 2000,
        }
    ]
    outbox = (await data(client, VIEWER, token=bob))["viewer"]["invitationsSent"]
    assert outbox == [{"researcher": {"id": SEED}, "message": "x" * 2000}]
    again = await gql(client, INVITE, {"id": SEED, "message": "again"}, token=bob)
    assert codes(again) == ["RATE_LIMITED"]
    assert 86000 < again["errors"][0]["extensions"]["retryAfter"] <= 86400


@pytest.fixture
async def two_a_day(settings: Settings, db: Database) -> AsyncIterator[httpx.AsyncClient]:
    """A client of an app that allows two invites per viewer per day."""
    app = create_app(replace(settings, invites_per_day=2))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
        yield http
    await app.state.runtime.close()


async def test_a_viewer_sends_at_most_n_invites_a_day(
    two_a_day: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    await db.driver.execute_query(
        "UNWIND ['r1', 'r2', 'r3'] AS id "
        "CREATE (u:User {id: 'owner-' + id})-[:CLAIMED {at: datetime(), verified: false}]->"
        "(:Researcher {id: id, name: id, openToCollaborate: true})"
    )
    bob = token(settings, "bob")
    for researcher in ("r1", "r2"):
        await data(two_a_day, INVITE, {"id": researcher, "message": "hi"}, token=bob)
    body = await gql(two_a_day, INVITE, {"id": "r3", "message": "hi"}, token=bob)
    assert codes(body) == ["RATE_LIMITED"]
    assert body["errors"][0]["message"] == "at most 2 invites per 24 h"
    assert 86000 < body["errors"][0]["extensions"]["retryAfter"] <= 86400


async def test_the_viewers_next_read_sees_their_write(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann = token(settings, "ann")
    await data(client, FOLLOW, {"id": SEED}, token=ann)
    body = await data(client, VIEWER, token=ann)
    assert body["viewer"]["follows"] == {"totalCount": 1, "edges": [{"node": {"id": SEED}}]}
    runtime = client._transport.app.state.runtime  # type: ignore[attr-defined]
    bookmarks = await runtime.db.bookmarks_for("ann").get_bookmarks()
    assert len(bookmarks) == 1  # the write's bookmark, carried into ann's reads
