"""While a plan runs, a loader batch is sent on the event loop's next turn after its first key,
holding every key asked for until then; graphql-core's resolvers keep aiodataloader's wider
window. The batch function here records its keys instead of reading; no query
runs, so the test database the scope names is not read."""

from __future__ import annotations

import asyncio
from collections.abc import Sequence
from typing import Any

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.loaders.base import CypherLoader, LoaderScope


class Recorded(CypherLoader):
    query = "researchers_by_id"

    def __init__(self, scope: LoaderScope) -> None:
        super().__init__(scope)
        self.sent: list[list[Any]] = []

    async def batch_load_fn(self, keys: Sequence[Any]) -> list[Any]:
        self.sent.append(list(keys))
        return [f"value of {key}" for key in keys]


def _loader(db: Database, batching: bool = True, prompt: bool = True) -> Recorded:
    return Recorded(LoaderScope(db=db, batching=batching, prompt=prompt))


async def test_a_batch_is_sent_on_the_next_turn_with_every_key_of_this_one(db: Database) -> None:
    loader = _loader(db)
    first = loader.load("a")
    second = loader.load("b")
    assert loader.sent == []
    await asyncio.sleep(0)  # one turn of the loop: aiodataloader took three
    assert loader.sent == [["a", "b"]]
    assert await asyncio.gather(first, second) == ["value of a", "value of b"]
    # a key asked for later is a batch of its own; a key asked for again is not asked again
    assert await loader.load_many(["c", "a"]) == ["value of c", "value of a"]
    assert loader.sent == [["a", "b"], ["c"]]


async def test_keys_asked_for_by_tasks_of_one_turn_share_a_batch(db: Database) -> None:
    loader = _loader(db)

    async def ask(key: str) -> Any:
        return await loader.load(key)

    found = await asyncio.gather(*(ask(key) for key in "xyz"))
    assert found == ["value of x", "value of y", "value of z"]
    assert loader.sent == [["x", "y", "z"]]


async def test_without_batching_each_key_is_sent_at_once(db: Database) -> None:
    loader = _loader(db, batching=False)
    assert await asyncio.gather(loader.load("a"), loader.load("b")) == ["value of a", "value of b"]
    assert loader.sent == [["a"], ["b"]]


async def test_outside_a_plan_a_batch_waits_three_turns(db: Database) -> None:
    # graphql-core reaches one level's keys over several turns: they still share a batch
    loader = _loader(db, prompt=False)
    first = loader.load("a")
    await asyncio.sleep(0)
    late = loader.load("b")
    await asyncio.sleep(0)
    assert loader.sent == []
    assert await asyncio.gather(first, late) == ["value of a", "value of b"]
    assert loader.sent == [["a", "b"]]
