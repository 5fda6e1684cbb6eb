"""A Neo4j outage mid-run: requests fail fast with 503 `SERVICE_UNAVAILABLE` while it lasts,
and the same process serves again once Neo4j is back, without a restart.

The test runs its own local Neo4j (never the shared test database) so it can stop it."""

from __future__ import annotations

import asyncio
import time
from collections.abc import Iterator
from dataclasses import replace
from pathlib import Path

import httpx
import pytest

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.local import LocalNeo4j, LocalNeo4jError, free_port
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.settings import Settings
from tests.conftest import unavailable

PROFILE = {"query": '{ researcher(id: "gongfan-fang") { name counts { works } } }'}
ANSWER = {"data": {"researcher": {"name": "Gongfan Fang", "counts": {"works": 5}}}}


@pytest.fixture
def own_neo4j(tmp_path: Path, settings: Settings) -> Iterator[LocalNeo4j]:
    local = LocalNeo4j(
        tmp_path / "neo4j", free_port(), cache_dir=settings.cache_dir, heap_mb=512, pagecache_mb=64
    )
    try:
        local.start()
    except LocalNeo4jError as exc:
        unavailable(str(exc))
    try:
        yield local
    finally:
        local.stop()


async def ready(http: httpx.AsyncClient, within_s: float) -> bool:
    """Polls /readyz until it is 200 or the time is up."""
    deadline = time.monotonic() + within_s
    while time.monotonic() < deadline:
        if (await http.get("/readyz")).status_code == 200:
            return True
        await asyncio.sleep(0.2)
    return False


async def test_requests_fail_fast_while_neo4j_is_down_and_recover(
    settings: Settings, own_neo4j: LocalNeo4j
) -> None:
    own = replace(
        settings,
        neo4j_uri=own_neo4j.uri,
        neo4j_user="neo4j",
        neo4j_password=own_neo4j.password(),
        retry_time_s=1.0,
        outage_probe_s=0.5,
    )
    db = Database.from_settings(own)
    await load_seed(db)
    await db.close()
    app = create_app(own)
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
        assert (await http.post("/graphql", json=PROFILE)).json() == ANSWER

        own_neo4j.stop()
        answers = [await http.post("/graphql", json=PROFILE) for _ in range(3)]
        for answer in answers:
            assert answer.status_code == 503
            assert answer.json()["data"] == {"researcher": None}
            [error] = answer.json()["errors"]
            assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}
        runtime_db = app.state.runtime.db
        assert runtime_db.outage.down  # later requests did not wait on the driver
        readiness = await http.get("/readyz")
        assert (readiness.status_code, readiness.json()["neo4j"]) == (503, "down")

        own_neo4j.start()
        assert await ready(http, within_s=60)
        again = await http.post("/graphql", json=PROFILE)
        assert (again.status_code, again.json()) == (200, ANSWER)
        assert not runtime_db.outage.down
    await app.state.runtime.close()
