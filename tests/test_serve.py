"""`bzpeer-graphql serve` as a real uvicorn process: on the embedded default, and with workers."""

from __future__ import annotations

import asyncio
import gc
import json
import signal
import subprocess
import time
from collections.abc import Awaitable, Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, replace
from pathlib import Path

import httpx

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.serve import tune_gc
from bzpeer_graphql.settings import Settings
from tests.helpers import CLI, cli_env, run_cli
from tests.test_timeout import follows_running, researcher_locked


@dataclass
class Served:
    base: str
    process: subprocess.Popen[str]
    output: str = ""
    returncode: int | None = None


@contextmanager
def serving(args: list[str], env: dict[str, str], cwd: Path) -> Iterator[Served]:
    """Runs `bzpeer-graphql serve ARGS` until it is ready; SIGTERM and collect output after."""
    process = subprocess.Popen(
        [*CLI, "serve", *args],
        env=env,
        cwd=cwd,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    served = Served(f"http://127.0.0.1:{env['BZPEER_PORT']}", process)
    try:
        deadline = time.monotonic() + 240
        while True:
            assert process.poll() is None, process.stdout.read() if process.stdout else ""
            assert time.monotonic() < deadline, f"{served.base} not ready in time"
            try:
                if httpx.get(f"{served.base}/readyz", timeout=2).status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        yield served
    finally:
        process.send_signal(signal.SIGTERM)
        served.output, _ = process.communicate(timeout=120)
        served.returncode = process.returncode


def test_serve_runs_on_the_embedded_default_and_stops_it(tmp_path: Path) -> None:
    env = cli_env(
        BZPEER_NEO4J_HOME=str(tmp_path / "neo4j"),
        BZPEER_NEO4J_PORT=str(free_port()),
        BZPEER_NEO4J_HEAP_MB="512",
        BZPEER_NEO4J_PAGECACHE_MB="64",
        BZPEER_PORT=str(free_port()),
    )
    with serving([], env, tmp_path) as served:
        assert httpx.get(f"{served.base}/healthz").json() == {"status": "ok"}
        query = '{ graphStats { researchers papers } researcher(id: "gongfan-fang") { name } }'
        answer = httpx.post(f"{served.base}/graphql", json={"query": query})
        assert answer.json() == {
            "data": {
                "graphStats": {"researchers": 33, "papers": 17},  # the seed data, loaded on start
                "researcher": {"name": "Gongfan Fang"},
            }
        }
    assert served.returncode == 0, served.output
    assert "local Neo4j stopped" in served.output
    # each step of the start said what it did and how long it took, in order
    steps = [
        "neo4j: starting Neo4j 5.26.30 on bolt://127.0.0.1:",
        "neo4j: answering on bolt://127.0.0.1:",
        "schema: 29 constraints and indexes in place (",
        "seed data loaded in ",
        "ready after ",
    ]
    lines = served.output.splitlines()
    found = [next(i for i, line in enumerate(lines) if line.startswith(step)) for step in steps]
    assert found == sorted(found), served.output
    status = run_cli("neo4j", "status", env=env, cwd=tmp_path)
    assert "state:    stopped" in status.stdout


def test_serve_with_workers_on_a_configured_neo4j(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
    )
    with (
        serving(["--workers", "2", "--no-migrate"], env, tmp_path) as served,
        httpx.Client() as client,
    ):  # one keep-alive connection, several answers
        names = {
            client.post(
                f"{served.base}/graphql",
                json={"query": '{ researcher(id: "gongfan-fang") { name } }'},
            ).json()["data"]["researcher"]["name"]
            for _ in range(6)
        }
        assert names == {"Gongfan Fang"}
    assert served.returncode == 0, served.output
    assert "local Neo4j" not in served.output  # a configured Neo4j is never started or stopped


async def test_sigterm_lets_the_request_in_flight_finish_then_closes_the_driver(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    secret = "serve-test-secret-0123456789abcdef0123456789"
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        BZPEER_JWT_SECRET=secret,
    )
    token = mint(Settings.from_env(env, env_file=None), "u-sigterm", "late")
    follow = (
        'mutation { followResearcher(id: "gongfan-fang") { researcher { counts { followers } } } }'
    )
    # one process, so that its log shows the request end before its driver closes
    with serving(["--workers", "1", "--no-migrate"], env, tmp_path) as served:
        async with httpx.AsyncClient() as client:
            async with researcher_locked(seeded, "gongfan-fang"):
                in_flight = asyncio.create_task(
                    client.post(
                        f"{served.base}/graphql",
                        json={"query": follow},
                        headers={"authorization": f"Bearer {token}"},
                        timeout=60,
                    )
                )
                await until(lambda: follows_running(seeded), "the follow to wait for the lock")
                served.process.send_signal(signal.SIGTERM)
                await until(lambda: refused(served.base), "the server to stop accepting")
                assert not in_flight.done()
            # the test's transaction let go of the lock: the follow completes
            answer = await in_flight
        assert answer.status_code == 200
        assert answer.json() == {
            "data": {"followResearcher": {"researcher": {"counts": {"followers": 1}}}}
        }
    assert served.returncode == 0, served.output
    lines = [json.loads(line) for line in served.output.splitlines() if line.startswith("{")]
    messages = [line["message"] for line in lines]
    assert "POST /graphql 200" in messages
    assert messages.index("POST /graphql 200") < messages.index("Neo4j driver closed")
    [access] = [line for line in lines if line["message"] == "POST /graphql 200"]
    assert access["requestId"] == answer.headers["x-request-id"]


async def until(check: Callable[[], Awaitable[object]], what: str, within_s: float = 30) -> None:
    """Waits for `check` to give a truthy value, or fails after `within_s` seconds."""
    deadline = time.monotonic() + within_s
    while not await check():
        assert time.monotonic() < deadline, f"timed out waiting for {what}"
        await asyncio.sleep(0.1)


async def refused(base: str) -> bool:
    """True when the server no longer accepts connections."""
    try:
        async with httpx.AsyncClient() as client:
            await client.get(f"{base}/healthz", timeout=1)
    except httpx.TransportError:
        return True
    return False


def test_a_server_process_collects_garbage_less_often() -> None:
    before = gc.get_threshold()
    try:
        tune_gc(replace(Settings.from_env(env_file=None), gc_threshold=12_345))
        assert gc.get_threshold() == (12_345, *before[1:])
        assert gc.get_freeze_count() > 0  # what was built so far is out of every collection
        gc.set_threshold(*before)
        tune_gc(replace(Settings.from_env(env_file=None), gc_threshold=0))
        assert gc.get_threshold() == before  # 0: Python's own setting stays
    finally:
        gc.unfreeze()
        gc.set_threshold(*before)
