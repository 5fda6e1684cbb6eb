"""Author identity over HTTP with real tokens: merge, split, undo, proposals, history, races."""

from __future__ import annotations

import asyncio
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.shared_papers import differences
from bzpeer_graphql.graph import identity_mutations
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.engine.test_equivalence import assert_equivalent
from tests.helpers import Records, data, gql, graph_digest, wipe

SEED = "gongfan-fang"
DUP = "g-fang"

PAGE = """query($id: ID!) { researcher(id: $id) { id mergedIds
  trust { score } counts { works followers closeCollaborators coauthors }
  closeCollaborators { researcher { name } sharedWorks }
  works(first: 20) { edges { node { id } } } } }"""
HISTORY = """query($id: ID!) { researcher(id: $id) {
  identityHistory { action byId curator before after works } } }"""
MERGE = """mutation($into: ID!, $from: ID!) { mergeResearchers(into: $into, from: $from) {
  changed researcher { id mergedIds counts { works followers } } } }"""
SPLIT = """mutation($id: ID!, $works: [ID!]!, $into: ID) {
  splitResearcher(id: $id, works: $works, into: $into) {
  researcher { id counts { works } } other { id name counts { works } } } }"""
UNDO = """mutation($id: ID!) { undoMerge(id: $id) {
  researcher { id counts { works followers } } other { id counts { works followers } } } }"""
CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { researcher { id } } }"
FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { researcher { id } } }"
PROPOSE = """mutation($into: ID!, $from: ID!) { proposeMerge(into: $into, from: $from) {
  id status } }"""
ACCEPT = "mutation($id: ID!) { acceptMergeProposal(id: $id) { changed researcher { mergedIds } } }"
REJECT = "mutation($id: ID!) { rejectMergeProposal(id: $id) { status } }"
LIST = """{ researchers(first: 100) { totalCount } graphStats { researchers }
  search(text: "fang", kinds: [RESEARCHER]) { ... on Researcher { id } } }"""

SEED_WORKS = [
    "arxiv-1912.11006",
    "arxiv-2007.05441",
    "arxiv-2112.06253",
    "arxiv-2205.07523",
    "arxiv-2207.13309",
]
SEED_CLOSE = [
    {"researcher": {"name": "Xinchao Wang"}, "sharedWorks": 5},
    {"researcher": {"name": "Jie Song"}, "sharedWorks": 4},
    {"researcher": {"name": "Mingli Song"}, "sharedWorks": 4},
    {"researcher": {"name": "Haofei Zhang"}, "sharedWorks": 2},
]


@pytest.fixture(autouse=True)
async def fresh(db: Database) -> Database:
    """The seed plus a duplicate record of the seed researcher with two works of its own."""
    await wipe(db)
    await load_seed(db)
    records: list[Record] = [
        Researcher(id=DUP, name="G. Fang"),
        Paper(id="dup-1", title="Dup One", year=2023, authors=["jie-song", DUP]),
        Paper(id="dup-2", title="Dup Two", year=2024, authors=[DUP, "xinchao-wang"]),
    ]
    await Loader(db).load(Records(records))
    return db


def token(settings: Settings, user: str, *roles: str) -> str:
    return mint(settings, user, user, roles=roles)


async def page(client: httpx.AsyncClient, id: str) -> dict[str, Any]:
    profile: dict[str, Any] = (await data(client, PAGE, {"id": id}))["researcher"]
    return profile


def works(profile: dict[str, Any]) -> list[str]:
    return sorted(e["node"]["id"] for e in profile["works"]["edges"])


async def code_of(
    client: httpx.AsyncClient, query: str, variables: dict[str, Any], tok: str
) -> str:
    body = await gql(client, query, variables, token=tok)
    return str(body["errors"][0]["extensions"]["code"])


async def test_seed_page_is_untouched_by_a_duplicate(client: httpx.AsyncClient) -> None:
    seed = await page(client, SEED)
    assert seed["trust"] == {"score": 19}
    assert seed["counts"] == {"works": 5, "followers": 0, "closeCollaborators": 4, "coauthors": 15}
    assert seed["closeCollaborators"] == SEED_CLOSE
    assert works(seed) == SEED_WORKS and seed["mergedIds"] == []


async def test_curator_merge_moves_everything_and_undo_restores_it(
    client: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    curator = token(settings, "cu-1", "curator")
    await data(client, FOLLOW, {"id": DUP}, token=token(settings, "fan-1"))
    before = await data(client, LIST)
    merged = await data(client, MERGE, {"into": SEED, "from": DUP}, token=curator)
    assert merged["mergeResearchers"] == {
        "changed": True,
        "researcher": {"id": SEED, "mergedIds": [DUP], "counts": {"works": 7, "followers": 1}},
    }
    after = await page(client, DUP)  # the absorbed id resolves to the survivor
    assert after["id"] == SEED and works(after) == sorted([*SEED_WORKS, "dup-1", "dup-2"])
    await assert_equivalent(settings, db, PAGE, {"id": DUP})  # planned and not, alike
    assert after["counts"]["closeCollaborators"] == 4
    assert after["closeCollaborators"][:2] == [
        {"researcher": {"name": "Xinchao Wang"}, "sharedWorks": 6},
        {"researcher": {"name": "Jie Song"}, "sharedWorks": 5},
    ]
    counts = await data(client, LIST)
    assert counts["researchers"]["totalCount"] == before["researchers"]["totalCount"] - 1
    assert counts["graphStats"]["researchers"] == before["graphStats"]["researchers"] - 1
    assert before["search"] == [{"id": DUP}, {"id": SEED}] and counts["search"] == [{"id": SEED}]
    assert (await differences(db)).count == 0

    again = await data(client, MERGE, {"into": SEED, "from": DUP}, token=curator)
    assert again["mergeResearchers"]["changed"] is False

    undone = await data(client, UNDO, {"id": DUP}, token=curator)
    assert undone["undoMerge"] == {
        "researcher": {"id": DUP, "counts": {"works": 2, "followers": 1}},
        "other": {"id": SEED, "counts": {"works": 5, "followers": 0}},
    }
    seed = await page(client, SEED)
    assert seed["trust"] == {"score": 19} and seed["closeCollaborators"] == SEED_CLOSE
    assert works(seed) == SEED_WORKS and seed["mergedIds"] == []
    assert works(await page(client, DUP)) == ["dup-1", "dup-2"]
    assert (await differences(db)).count == 0
    history = (await data(client, HISTORY, {"id": SEED}))["researcher"]["identityHistory"]
    assert [(e["action"], e["before"], e["after"]) for e in history] == [
        ("UNDO_MERGE", [SEED], [SEED, DUP]),
        ("MERGE", [SEED, DUP], [SEED]),
    ]
    assert history[1]["works"] == ["dup-1", "dup-2"] and history[1]["byId"] == "cu-1"
    assert history[1]["curator"] is True


async def test_who_may_merge(client: httpx.AsyncClient, settings: Settings) -> None:
    ann, bob = token(settings, "ann"), token(settings, "bob")
    variables = {"into": SEED, "from": DUP}
    assert (await gql(client, MERGE, variables))["errors"][0]["extensions"]["code"] == (
        "UNAUTHENTICATED"
    )
    assert await code_of(client, MERGE, variables, ann) == "FORBIDDEN"
    await data(client, CLAIM, {"id": SEED}, token=ann)
    await data(client, CLAIM, {"id": DUP}, token=bob)
    assert await code_of(client, MERGE, variables, ann) == "CLAIM_CONFLICT"
    curator = token(settings, "cu-1", "curator")
    assert await code_of(client, MERGE, variables, curator) == "CLAIM_CONFLICT"
    assert await code_of(client, MERGE, {"into": SEED, "from": "nobody"}, ann) == "NOT_FOUND"
    assert await code_of(client, MERGE, {"into": SEED, "from": SEED}, ann) == "BAD_USER_INPUT"


async def test_claimant_merges_an_unclaimed_record_then_splits_a_work_out(
    client: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    ann = token(settings, "ann")
    await data(client, CLAIM, {"id": SEED}, token=ann)
    await data(client, MERGE, {"into": SEED, "from": DUP}, token=ann)
    assert await code_of(client, MERGE, {"into": DUP, "from": SEED}, ann) == "ALREADY_MERGED"
    assert await code_of(client, SPLIT, {"id": SEED, "works": ["nope"]}, ann) == "NOT_AUTHORED"
    split = (await data(client, SPLIT, {"id": SEED, "works": ["dup-2"]}, token=ann))[
        "splitResearcher"
    ]
    assert split["researcher"] == {"id": SEED, "counts": {"works": 6}}
    assert split["other"]["name"] == "Gongfan Fang" and split["other"]["counts"] == {"works": 1}
    assert split["other"]["id"].startswith(f"{SEED}~")
    assert (await differences(db)).count == 0
    assert await code_of(client, SPLIT, {"id": SEED, "works": ["dup-1"]}, token(settings, "x")) == (
        "FORBIDDEN"
    )


async def test_a_split_refuses_a_new_id_another_kind_holds(
    client: httpx.AsyncClient, settings: Settings, db: Database, monkeypatch: pytest.MonkeyPatch
) -> None:
    before = await graph_digest(db)
    # the new record would get the id of one of the seed's papers
    monkeypatch.setattr(identity_mutations, "split_id", lambda id: "arxiv-1912.11006")
    body = await gql(
        client, SPLIT, {"id": DUP, "works": ["dup-2"]}, token=token(settings, "cu-1", "curator")
    )
    assert body["data"] is None
    [error] = body["errors"]
    assert (error["message"], error["extensions"]) == (
        "the new record's id is another node's (ids are unique across kinds); try again",
        {"code": "ID_TAKEN", "id": "arxiv-1912.11006"},
    )
    assert await graph_digest(db) == before


async def test_proposals_are_accepted_or_rejected_by_a_claimant(
    client: httpx.AsyncClient, settings: Settings
) -> None:
    ann, eve = token(settings, "ann"), token(settings, "eve")
    first = (await data(client, PROPOSE, {"into": SEED, "from": DUP}, token=eve))["proposeMerge"]
    assert first["status"] == "OPEN"
    assert await code_of(client, REJECT, {"id": first["id"]}, eve) == "FORBIDDEN"
    await data(client, CLAIM, {"id": SEED}, token=ann)
    assert (await data(client, REJECT, {"id": first["id"]}, token=ann))["rejectMergeProposal"] == {
        "status": "REJECTED"
    }
    assert await code_of(client, ACCEPT, {"id": first["id"]}, ann) == "PROPOSAL_CLOSED"
    second = (await data(client, PROPOSE, {"into": SEED, "from": DUP}, token=eve))["proposeMerge"]
    accepted = await data(client, ACCEPT, {"id": second["id"]}, token=ann)
    assert accepted["acceptMergeProposal"] == {"changed": True, "researcher": {"mergedIds": [DUP]}}
    history = (await data(client, HISTORY, {"id": SEED}))["researcher"]["identityHistory"]
    assert [e["action"] for e in history] == [
        "MERGE",
        "PROPOSE_MERGE",
        "REJECT_MERGE",
        "PROPOSE_MERGE",
    ]


async def test_racing_merges_end_consistent(
    client: httpx.AsyncClient, settings: Settings, db: Database
) -> None:
    curator = token(settings, "cu-1", "curator")
    bodies = await asyncio.gather(
        gql(client, MERGE, {"into": SEED, "from": DUP}, token=curator),
        gql(client, MERGE, {"into": SEED, "from": DUP}, token=curator),
        gql(client, MERGE, {"into": DUP, "from": SEED}, token=curator),
    )
    done = [b for b in bodies if "errors" not in b]
    refused = [b["errors"][0]["extensions"]["code"] for b in bodies if "errors" in b]
    assert set(refused) <= {"ALREADY_MERGED"} and len(done) >= 1
    changed = [b["data"]["mergeResearchers"]["changed"] for b in done]
    assert changed.count(True) == 1
    survivor = (await page(client, SEED))["id"]
    absorbed = DUP if survivor == SEED else SEED
    assert (await page(client, absorbed))["id"] == survivor
    assert len(works(await page(client, survivor))) == 7
    assert (await differences(db)).count == 0
