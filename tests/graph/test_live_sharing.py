"""Subscribers of one process share what a change makes them read: one read per change for
every subscriber of the same record or slice, each viewer's own values still its own, and a
change that cannot touch a slice never read for it."""

from __future__ import annotations

from collections import Counter

import pytest

from bzpeer_graphql.context import ChangeReads
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Paper
from bzpeer_graphql.live.hub import Hub, LiveLimits
from bzpeer_graphql.live.log import MemoryChangeLog
from bzpeer_graphql.live.memo import ChangeMemo
from bzpeer_graphql.settings import Settings
from tests.graph.test_live import (  # noqa: F401 (fixtures)
    ANNE,
    BOB,
    CURATOR_CAT,
    DUP,
    FOLLOW,
    RESEARCHER,
    SEED,
    SLICE,
    change,
    fresh,
    run,
    watching,
)
from tests.helpers import Records


@pytest.fixture
def hub() -> Hub:
    return Hub(MemoryChangeLog(100), LiveLimits(per_process=10, per_client=3, queued=5))


async def test_subscribers_of_one_record_share_one_read_per_change_with_their_own_follows(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with (
        watching(db, settings, hub, ANNE, RESEARCHER, id=SEED) as anne,
        watching(db, settings, hub, BOB, RESEARCHER, id=SEED) as bob,
        watching(db, settings, hub, None, RESEARCHER, id=SEED) as first,
        watching(db, settings, hub, None, RESEARCHER, id=SEED) as second,
    ):
        await run(db, settings, hub, BOB, FOLLOW, id=SEED)
        seen = {
            name: change(await w.next())
            for name, w in [("anne", anne), ("bob", bob), ("first", first), ("second", second)]
        }
    event = await hub.log.newest()
    assert {name: found["researcher"]["viewerFollows"] for name, found in seen.items()} == {
        "anne": False,
        "bob": True,  # the one who follows
        "first": False,
        "second": False,
    }
    assert {found["researcher"]["counts"]["followers"] for found in seen.values()} == {1}
    reads = hub.memo.of(event)[ChangeReads]
    assert isinstance(reads, ChangeReads)
    # one batch of each record-keyed loader for the four; the follows of both viewers asked
    keys = Counter[str]()
    batches = Counter[str]()
    for query, count in reads.scope.trips.batches:
        keys[query] += count
        batches[query] += 1
    assert keys["researcher_viewer_follows"] == 2
    assert {query for query, n in keys.items() if n != 1} == {"researcher_viewer_follows"}
    assert {query for query, n in batches.items() if n != 1} <= {"researcher_viewer_follows"}


async def test_subscribers_of_one_slice_share_its_drawing_and_a_change_outside_is_never_read(
    db: Database, settings: Settings, hub: Hub
) -> None:
    async with (
        watching(db, settings, hub, None, SLICE) as one,
        watching(db, settings, hub, ANNE, SLICE) as other,
    ):
        outside = await run(db, settings, hub, ANNE, FOLLOW, id=DUP)  # two hops away
        assert outside
        followed_dup = await hub.log.newest()
        await run(db, settings, hub, BOB, FOLLOW, id=SEED)  # the center: drawn, nothing changed
        followed_seed = await hub.log.newest()
        new_work = Paper(id="live-2", title="Live Two", year=2025, authors=[SEED, "jie-song"])
        await Loader(db, changes=hub.log).load(Records([new_work]))
        # the batch, then the recount of its authors' WORKS_ON (no topic: nothing to tell)
        (imported, batch), (_, recount) = await hub.log.after(followed_seed)
        assert (batch.nodes, recount.nodes) == ((SEED, "jie-song", "live-2"), (SEED, "jie-song"))
        first, second = (await one.next())["data"], (await other.next())["data"]
    assert first == second
    assert first["sliceChanged"]["eventId"] == imported
    assert [n["entityId"] for n in first["sliceChanged"]["addedNodes"]] == ["live-2"]
    assert first["sliceChanged"]["reweightedEdges"] == [
        {"source": SEED, "target": "jie-song", "kind": "COAUTHOR", "weight": 5.0}
    ]
    assert not hub.memo.holds(followed_dup)  # filtered before any read
    for event in (followed_seed, imported):
        kept = hub.memo.of(event)
        slices = [key for key in kept if isinstance(key, tuple) and key[0] == "slice"]
        assert slices == [("slice", SEED, 1, None, 100, 100)]  # one drawing for both


def test_the_memo_keeps_the_newest_changes_and_makes_each_value_once() -> None:
    memo = ChangeMemo(kept=2)
    made = [memo.value(event, "k", lambda e=event: f"v{e}") for event in ("1-0", "1-0", "2-0")]
    assert made == ["v1-0", "v1-0", "v2-0"] and memo.made == 2
    memo.value("3-0", "k", lambda: "v3")
    assert not memo.holds("1-0") and memo.holds("2-0") and memo.holds("3-0")
