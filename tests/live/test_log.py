"""The change log in a real redis-server: ordered ids, bounded retention that knows what it
dropped, and two processes' hubs sharing one stream."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator

import pytest

from bzpeer_graphql.live.changes import Change, ChangeKind, about
from bzpeer_graphql.live.hub import Hub, LiveLimits
from bzpeer_graphql.live.log import ChangesExpired, RedisChangeLog
from bzpeer_graphql.policy.local_redis import LocalRedis


@pytest.fixture
async def redis_url() -> AsyncIterator[str]:
    server = LocalRedis.start()
    try:
        yield server.url
    finally:
        server.stop()


async def test_the_stream_keeps_the_newest_changes_and_knows_when_older_ones_were_dropped(
    redis_url: str,
) -> None:
    log = RedisChangeLog(redis_url, retention=10, timeout_s=2)
    try:
        assert await log.newest() == "0-0"
        ids = [await log.append(about(ChangeKind.FOLLOW, f"r{n}")) for n in range(300)]
        assert all(ids) and ids == sorted(ids, key=lambda i: tuple(map(int, i.split("-"))))
        assert await log.newest() == ids[-1]
        kept = await log.after(ids[-4])
        assert [(event_id, change.record) for event_id, change in kept] == [
            (ids[-3], "r297"),
            (ids[-2], "r298"),
            (ids[-1], "r299"),
        ]
        with pytest.raises(ChangesExpired):
            await log.after(ids[0])  # trimmed to about 10 (whole blocks): the next is gone
        assert await log.wait_after(ids[-1], 0.05) == []
    finally:
        await log.close()


async def test_a_change_published_by_one_process_reaches_the_subscriber_of_another(
    redis_url: str,
) -> None:
    limits = LiveLimits(per_process=10, per_client=2, queued=10)
    one = Hub(RedisChangeLog(redis_url, 100, 2), limits)
    other = Hub(RedisChangeLog(redis_url, 100, 2), limits)
    invite = about(ChangeKind.INVITE, "gongfan-fang", audience=("u-anne", "u-bob"))
    try:
        async with (
            other.subscription("viewer:u-anne", "u-anne", lambda c: True, None) as anne,
            other.subscription("viewer:u-eve", "u-eve", lambda c: True, None) as eve,
        ):
            invited = await one.publish(invite)
            followed = await one.publish(about(ChangeKind.FOLLOW, "gongfan-fang"))
            async with asyncio.timeout(10):
                assert await anext(anne.live) == (invited, invite)
                assert (await anext(anne.live))[0] == followed
                # the invitation is Anne's and Bob's: Eve's first change is the follow
                got: tuple[str, Change] = await anext(eve.live)
                assert got[0] == followed
    finally:
        await one.close()
        await other.close()
