"""Subscriptions in-process, on the seed graph: what each write path tells a researcher's and a
slice's subscribers, exactly, and who sees what."""

from __future__ import annotations

import asyncio
import re
from collections.abc import AsyncGenerator, AsyncIterator
from contextlib import aclosing, asynccontextmanager
from typing import Any

import pytest

from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper, PaperTopic, Record, Researcher
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.live.changes import ChangeKind, about
from bzpeer_graphql.live.hub import Hub, LiveLimits
from bzpeer_graphql.live.log import MemoryChangeLog
from bzpeer_graphql.policy.auth import CURATOR, Viewer
from bzpeer_graphql.settings import Settings
from tests.helpers import Records, wipe

SEED = "gongfan-fang"
DUP = "g-fang"
EVENT_ID = re.compile(r"^\d+-\d+$")

RESEARCHER = """subscription($id: ID!, $after: ID) { researcherChanged(id: $id, after: $after) {
  eventId kind researcherId otherId
  researcher { id counts { works followers } trust { score claimStatus } viewerFollows } } }"""
SLICE = """subscription($after: ID) {
  sliceChanged(center: "gongfan-fang", depth: 1, limitPerNode: 100, maxNodes: 100, after: $after) {
  eventId resync addedNodes { entityId kind } removedNodes { entityId }
  addedEdges { source target kind weight } removedEdges { source target kind }
  reweightedEdges { source target kind weight } } }"""
SLICE_STATE = """subscription($after: ID) {
  sliceChanged(center: "gongfan-fang", depth: 1, limitPerNode: 100, maxNodes: 40, after: $after) {
  eventId resync addedNodes { entityId } slice { nodes { entityId } } } }"""
FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { researcher { id } } }"
UNFOLLOW = "mutation($id: ID!) { unfollowResearcher(id: $id) { researcher { id } } }"
CLAIM = "mutation($id: ID!) { claimResearcher(id: $id) { researcher { id } } }"
INVITE = """mutation($id: ID!) { sendCollaborationInvite(researcherId: $id, message: "hello") {
  invitation { message } } }"""
PROFILE = """mutation($id: ID!) { updateResearcherProfile(id: $id, headline: "Live") {
  researcher { id } } }"""
MERGE = (
    "mutation($into: ID!, $from: ID!) { mergeResearchers(into: $into, from: $from) { changed } }"
)
SPLIT = """mutation($id: ID!, $works: [ID!]!, $into: ID) {
  splitResearcher(id: $id, works: $works, into: $into) { other { id } } }"""
UNDO = "mutation($id: ID!) { undoMerge(id: $id) { researcher { id } } }"

ANNE = Viewer("u-anne", "anne")
BOB = Viewer("u-bob", "bob")
CURATOR_CAT = Viewer("u-cat", "cat", roles=(CURATOR,))


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


@pytest.fixture
def hub() -> Hub:
    return Hub(MemoryChangeLog(100), LiveLimits(per_process=10, per_client=3, queued=5))


def context(db: Database, settings: Settings, hub: Hub, viewer: Viewer | None) -> Context:
    return Context(db=db, settings=settings, viewer=viewer, hub=hub, address="127.0.0.1")


async def run(
    db: Database, settings: Settings, hub: Hub, viewer: Viewer | None, query: str, **values: Any
) -> dict[str, Any]:
    """Runs a query or mutation as `viewer`; its data (no errors allowed)."""
    result = await schema.execute(query, values, context_value=context(db, settings, hub, viewer))
    assert not result.errors, result.errors
    assert isinstance(result.data, dict)
    return result.data


async def until(condition: Any) -> None:
    """Waits (at most 10 s) until `condition()` holds."""
    async with asyncio.timeout(10):
        while not condition():
            await asyncio.sleep(0.005)


class Watch:
    """One subscription's results, read one at a time."""

    def __init__(self, stream: AsyncGenerator[Any]) -> None:
        self.stream = stream
        self.coming: asyncio.Task[Any] = asyncio.create_task(anext(stream))  # type: ignore[arg-type]

    async def next(self) -> dict[str, Any]:
        async with asyncio.timeout(10):
            result = await self.coming
        self.coming = asyncio.create_task(anext(self.stream))  # type: ignore[arg-type]
        answer: dict[str, Any] = {"data": result.data}
        if result.errors:
            answer["errors"] = [error.formatted for error in result.errors]
        return answer


@asynccontextmanager
async def watching(
    db: Database,
    settings: Settings,
    hub: Hub,
    viewer: Viewer | None,
    query: str,
    **values: Any,
) -> AsyncIterator[Watch]:
    """A subscription as `viewer`, open (its subscriber counted by the hub, or ended at once)
    until the block ends."""
    before = hub.subscribers
    stream = await schema.subscribe(query, values, context(db, settings, hub, viewer))
    assert isinstance(stream, AsyncGenerator), stream
    watch = Watch(stream)
    await until(lambda: hub.subscribers > before or watch.coming.done())
    try:
        yield watch
    finally:
        watch.coming.cancel()
        await asyncio.gather(watch.coming, return_exceptions=True)
        await stream.aclose()


async def refusal(subscriber: Context, **values: Any) -> list[str]:
    """The codes of a researcherChanged subscription refused before it starts."""
    stream = await schema.subscribe(RESEARCHER, values, subscriber)
    assert isinstance(stream, AsyncGenerator)
    async with aclosing(stream):
        result = await anext(stream)
    assert result.data is None
    return [(error.extensions or {}).get("code") for error in result.errors]


def change(result: dict[str, Any]) -> dict[str, Any]:
    """A researcherChanged result without its event id (checked to be one)."""
    found = dict(result["data"]["researcherChanged"])
    assert EVENT_ID.match(found.pop("eventId"))
    return found


async def test_a_follow_reaches_the_subscriber_with_the_counts_and_trust_after_it(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with watching(db, settings, hub, ANNE, RESEARCHER, id=SEED) as anne:
        await run(db, settings, hub, BOB, FOLLOW, id=SEED)
        assert change(await anne.next()) == {
            "kind": "FOLLOWERS",
            "researcherId": SEED,
            "otherId": None,
            "researcher": {
                "id": SEED,
                "counts": {"works": 5, "followers": 1},
                "trust": {"score": 20, "claimStatus": "UNCLAIMED"},
                "viewerFollows": False,  # Bob follows, not Anne, who subscribed
            },
        }
        await run(db, settings, hub, ANNE, CLAIM, id=SEED)
        assert change(await anne.next()) == {
            "kind": "CLAIM",
            "researcherId": SEED,
            "otherId": None,
            "researcher": {
                "id": SEED,
                "counts": {"works": 5, "followers": 1},
                "trust": {"score": 50, "claimStatus": "CLAIMED"},
                "viewerFollows": False,
            },
        }


async def test_merge_undo_and_split_are_told_to_both_records_each_from_its_side(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with (
        watching(db, settings, hub, None, RESEARCHER, id=SEED) as seed,
        watching(db, settings, hub, None, RESEARCHER, id=DUP) as dup,
    ):
        await run(db, settings, hub, CURATOR_CAT, MERGE, into=SEED, **{"from": DUP})
        absorbed, merged_into = change(await seed.next()), change(await dup.next())
        assert (absorbed["kind"], absorbed["otherId"]) == ("ABSORBED", DUP)
        assert absorbed["researcher"]["counts"] == {"works": 7, "followers": 0}
        assert (merged_into["kind"], merged_into["otherId"]) == ("MERGED_INTO", SEED)
        # an absorbed record's id resolves to the record that absorbed it
        assert merged_into["researcher"]["id"] == SEED
        await run(db, settings, hub, CURATOR_CAT, UNDO, id=DUP)
        unmerged, restored = change(await seed.next()), change(await dup.next())
        assert (unmerged["kind"], unmerged["otherId"]) == ("UNMERGED", DUP)
        assert unmerged["researcher"]["counts"] == {"works": 5, "followers": 0}
        assert (restored["kind"], restored["otherId"]) == ("RESTORED", SEED)
        assert restored["researcher"]["id"] == DUP
        assert restored["researcher"]["counts"] == {"works": 2, "followers": 0}
        await run(db, settings, hub, CURATOR_CAT, SPLIT, id=DUP, works=["dup-2"], into=SEED)
        out, into = change(await dup.next()), change(await seed.next())
        assert (out["kind"], out["otherId"], out["researcher"]["counts"]["works"]) == (
            "SPLIT_OUT",
            SEED,
            1,
        )
        assert (into["kind"], into["otherId"], into["researcher"]["counts"]["works"]) == (
            "SPLIT_IN",
            DUP,
            6,
        )


async def test_an_invitation_is_told_to_its_sender_and_recipient_only(
    db: Database, settings: Settings, hub: Hub
) -> None:
    await run(db, settings, hub, ANNE, CLAIM, id=SEED)  # Anne receives invites to the record
    stranger = Viewer("u-stranger", "stranger")
    async with (
        watching(db, settings, hub, ANNE, RESEARCHER, id=SEED) as recipient,
        watching(db, settings, hub, BOB, RESEARCHER, id=SEED) as sender,
        watching(db, settings, hub, stranger, RESEARCHER, id=SEED) as other,
        watching(db, settings, hub, None, RESEARCHER, id=SEED) as anonymous,
    ):
        await run(db, settings, hub, BOB, INVITE, id=SEED)
        assert change(await recipient.next())["kind"] == "INVITATION"
        assert change(await sender.next())["kind"] == "INVITATION"
        await run(db, settings, hub, ANNE, PROFILE, id=SEED)  # seen by everyone
        for watch in (recipient, sender, other, anonymous):
            assert change(await watch.next())["kind"] == "PROFILE"


async def test_a_subscriber_resuming_after_its_last_event_misses_nothing(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with watching(db, settings, hub, None, RESEARCHER, id=SEED) as first:
        await run(db, settings, hub, ANNE, FOLLOW, id=SEED)
        last = (await first.next())["data"]["researcherChanged"]["eventId"]
    # gone: three changes happen, one of them to another record
    await run(db, settings, hub, BOB, FOLLOW, id=SEED)
    await run(db, settings, hub, BOB, FOLLOW, id="xinchao-wang")
    await run(db, settings, hub, ANNE, UNFOLLOW, id=SEED)
    async with watching(db, settings, hub, None, RESEARCHER, id=SEED, after=last) as back:
        caught_up = [change(await back.next()) for _ in range(2)]
        assert [(c["kind"], c["researcher"]["counts"]["followers"]) for c in caught_up] == [
            ("FOLLOWERS", 1),  # read now: Bob still follows, Anne no longer
            ("FOLLOWERS", 1),
        ]
        await run(db, settings, hub, BOB, UNFOLLOW, id=SEED)
        assert change(await back.next())["researcher"]["counts"]["followers"] == 0


async def test_after_an_event_no_longer_kept_is_events_expired(
    db: Database, settings: Settings
) -> None:
    hub = Hub(MemoryChangeLog(2), LiveLimits(per_process=10, per_client=3, queued=5))
    await run(db, settings, hub, ANNE, FOLLOW, id=SEED)
    first = await hub.log.newest()
    # the log keeps two: the change after the first one is gone
    for viewer in (BOB, CURATOR_CAT, Viewer("u-dan", "dan")):
        await run(db, settings, hub, viewer, FOLLOW, id=SEED)
    async with watching(db, settings, hub, None, RESEARCHER, id=SEED, after=first) as late:
        answer = await late.next()
    assert answer["data"] is None
    assert answer["errors"][0]["extensions"]["code"] == "EVENTS_EXPIRED"
    refused = await refusal(context(db, settings, hub, None), id=SEED, after="yesterday")
    assert refused == ["BAD_USER_INPUT"]


async def test_subscriptions_past_the_client_limit_are_refused_and_a_slow_one_is_ended(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with (
        watching(db, settings, hub, ANNE, RESEARCHER, id=SEED) as slow,
        watching(db, settings, hub, ANNE, RESEARCHER, id=DUP),
        watching(db, settings, hub, ANNE, RESEARCHER, id="jie-song"),
    ):
        refused = await refusal(context(db, settings, hub, ANNE), id="xinchao-wang")
        assert refused == ["TOO_MANY_SUBSCRIPTIONS"]
        # another client is counted apart
        async with watching(db, settings, hub, BOB, RESEARCHER, id="xinchao-wang"):
            pass
        # one change read; the next one is taken as it comes; then seven more than the five
        # that may wait: the subscription ends, naming the last change it handed over
        await run(db, settings, hub, BOB, FOLLOW, id=SEED)
        assert change(await slow.next())["kind"] == "FOLLOWERS"
        for n in range(7):
            await run(db, settings, hub, Viewer(f"u-{n}", f"u{n}"), FOLLOW, id=SEED)
        handed = await slow.next()
        ended = await slow.next()
        assert ended["data"] is None
        assert ended["errors"][0]["extensions"] == {
            "code": "SUBSCRIBER_TOO_SLOW",
            "lastEventId": handed["data"]["researcherChanged"]["eventId"],
        }


async def test_an_import_adds_nodes_and_edges_to_a_slice_and_reweights_coauthorship(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with watching(db, settings, hub, None, SLICE) as watch:
        new_work = Paper(
            id="live-1", title="Live One", year=2025, authors=[SEED, "xinchao-wang", "new-person"]
        )
        await Loader(db, changes=hub.log).load(
            Records([Researcher(id="new-person", name="New Person"), new_work])
        )
        found = (await watch.next())["data"]["sliceChanged"]
    assert EVENT_ID.match(found.pop("eventId"))
    assert found == {
        "resync": False,
        "addedNodes": [
            {"entityId": "live-1", "kind": "PAPER"},
            {"entityId": "new-person", "kind": "RESEARCHER"},
        ],
        "removedNodes": [],
        "addedEdges": [
            {"source": SEED, "target": "live-1", "kind": "AUTHORED", "weight": 1.0},
            {"source": "new-person", "target": "live-1", "kind": "AUTHORED", "weight": 1.0},
            {"source": "xinchao-wang", "target": "live-1", "kind": "AUTHORED", "weight": 1.0},
            {"source": SEED, "target": "new-person", "kind": "COAUTHOR", "weight": 1.0},
            {"source": "new-person", "target": "xinchao-wang", "kind": "COAUTHOR", "weight": 1.0},
        ],
        "removedEdges": [],
        # five shared works before, six now
        "reweightedEdges": [
            {"source": SEED, "target": "xinchao-wang", "kind": "COAUTHOR", "weight": 6.0}
        ],
    }


async def test_a_slice_subscriber_is_told_the_topic_weights_an_import_recounts(
    db: Database, settings: Settings, hub: Hub
) -> None:
    """WORKS_ON is recounted when the load ends, after its batch was told: the recount is told
    too, so the slice ends with the new weight whichever state the batch's drawing saw."""
    topic = "knowledge-distillation"  # the seed researcher's heaviest: 3.15
    async with watching(db, settings, hub, None, SLICE) as watch:
        new_work = Paper(
            id="live-2",
            title="Live Two",
            year=2025,
            authors=[SEED],
            topics=[PaperTopic(topic, 0.5)],
        )
        await Loader(db, changes=hub.log).load(Records([new_work]))
        first = (await watch.next())["data"]["sliceChanged"]
        assert first["addedNodes"] == [{"entityId": "live-2", "kind": "PAPER"}]
        assert first["addedEdges"] == [
            {"source": "live-2", "target": topic, "kind": "ABOUT", "weight": 0.5},
            {"source": SEED, "target": "live-2", "kind": "AUTHORED", "weight": 1.0},
        ]
        reweighted = first["reweightedEdges"]
        if not reweighted:  # drawn before the recount: the recount's own change tells it
            reweighted = (await watch.next())["data"]["sliceChanged"]["reweightedEdges"]
    assert reweighted == [{"source": SEED, "target": topic, "kind": "WORKS_ON", "weight": 3.65}]


async def test_a_slice_subscriber_resuming_after_changes_gets_the_slice_to_take(
    db: Database, settings: Settings, hub: Hub
) -> None:
    await run(db, settings, hub, ANNE, FOLLOW, id=SEED)  # touches the slice, changes none of it
    last = await hub.log.newest()
    await run(db, settings, hub, CURATOR_CAT, MERGE, into=SEED, **{"from": DUP})
    merged = await hub.log.newest()
    async with watching(db, settings, hub, None, SLICE_STATE, after=last) as back:
        found = (await back.next())["data"]["sliceChanged"]
    assert found["eventId"] == merged
    assert found["resync"] is True
    assert found["addedNodes"] == []
    nodes = {node["entityId"] for node in found["slice"]["nodes"]}
    assert {"dup-1", "dup-2"} <= nodes and DUP not in nodes


async def test_the_memory_log_numbers_changes_in_order_within_one_millisecond() -> None:
    log = MemoryChangeLog(10, clock=lambda: 1.5)
    ids = [await log.append(about(ChangeKind.FOLLOW, SEED)) for _ in range(3)]
    assert ids == ["1500-0", "1500-1", "1500-2"]
