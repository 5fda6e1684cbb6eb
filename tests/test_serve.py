"""`bzpeer-graphql serve` on the embedded default: a real uvicorn over a local Neo4j it starts."""

from __future__ import annotations

import signal
import subprocess
import time
from pathlib import Path

import httpx

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.helpers import CLI, cli_env, run_cli


def wait_ready(base: str, process: subprocess.Popen[str], timeout_s: float = 240) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        assert process.poll() is None, process.stdout.read() if process.stdout else ""
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)
    raise AssertionError(f"{base} not ready within {timeout_s}s")


def test_serve_runs_on_the_embedded_default_and_stops_it(tmp_path: Path) -> None:
    http_port = free_port()
    env = cli_env(
        BZPEER_NEO4J_HOME=str(tmp_path / "neo4j"),
        BZPEER_NEO4J_PORT=str(free_port()),
        BZPEER_NEO4J_HEAP_MB="512",
        BZPEER_NEO4J_PAGECACHE_MB="64",
        BZPEER_PORT=str(http_port),
    )
    process = subprocess.Popen(
        [*CLI, "serve"],
        env=env,
        cwd=tmp_path,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_ready(base, process)
        assert httpx.get(f"{base}/healthz").json() == {"status": "ok"}
        query = '{ graphStats { researchers papers } researcher(id: "gongfan-fang") { name } }'
        answer = httpx.post(f"{base}/graphql", json={"query": query})
        assert answer.json() == {
            "data": {
                "graphStats": {"researchers": 33, "papers": 17},  # the seed data, loaded on start
                "researcher": {"name": "Gongfan Fang"},
            }
        }
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=120)
    assert process.returncode == 0, output
    assert "local Neo4j stopped" in output
    status = run_cli("neo4j", "status", env=env, cwd=tmp_path)
    assert "state:    stopped" in status.stdout


def test_serve_with_workers_on_a_configured_neo4j(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    http_port = free_port()
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(http_port),
    )
    process = subprocess.Popen(
        [*CLI, "serve", "--workers", "2", "--no-migrate"],
        env=env,
        cwd=tmp_path,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{http_port}"
    try:
        wait_ready(base, process)
        with httpx.Client() as client:  # one keep-alive connection, several answers
            names = {
                client.post(
                    f"{base}/graphql", json={"query": '{ researcher(id: "gongfan-fang") { name } }'}
                ).json()["data"]["researcher"]["name"]
                for _ in range(6)
            }
        assert names == {"Gongfan Fang"}
    finally:
        process.send_signal(signal.SIGTERM)
        output, _ = process.communicate(timeout=60)
    assert process.returncode == 0, output
    assert "local Neo4j" not in output  # a configured Neo4j is never started or stopped
