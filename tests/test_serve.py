"""`bzpeer-graphql serve` as a real uvicorn process: on the embedded default, and with workers."""

from __future__ import annotations

import signal
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

import httpx

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.helpers import CLI, cli_env, run_cli


@dataclass
class Served:
    base: str
    output: str = ""
    returncode: int | None = None


@contextmanager
def serving(args: list[str], env: dict[str, str], cwd: Path) -> Iterator[Served]:
    """Runs `bzpeer-graphql serve ARGS` until it is ready; SIGTERM and collect output after."""
    served = Served(f"http://127.0.0.1:{env['BZPEER_PORT']}")
    process = subprocess.Popen(
        [*CLI, "serve", *args],
        env=env,
        cwd=cwd,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
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
