"""The multi-replica deployment of deploy/haproxy.cfg run locally for the tests: three `serve`
replicas sharing one Redis and one Neo4j, and Debian's HAProxy in front of them."""

from __future__ import annotations

import os
import re
import signal
import subprocess
import threading
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

import httpx

from bzpeer_graphql.db.database import Connection
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.policy.local_redis import LocalRedis
from bzpeer_graphql.settings import Settings
from tests.conftest import TEST_JWT_SECRET
from tests.helpers import CHECKOUT, CLI, cli_env

HAPROXY_CONFIG = CHECKOUT / "deploy" / "haproxy.cfg"
#: the bound on any one wait of these tests
BOUND_S = 60.0


@dataclass
class Replica:
    port: int
    process: subprocess.Popen[str]

    @property
    def base(self) -> str:
        return f"http://127.0.0.1:{self.port}"


@dataclass
class Proxy:
    base: str
    process: subprocess.Popen[str]
    #: (monotonic time, line) of everything HAProxy wrote on stderr
    lines: list[tuple[float, str]] = field(default_factory=list)

    def said(self, text: str) -> float | None:
        """When HAProxy first wrote a line holding `text`, if it did."""
        return next((at for at, line in list(self.lines) if text in line), None)


@dataclass
class Deployment:
    replicas: list[Replica]
    proxy: Proxy
    settings: Settings

    def signed_in(self, viewer: str) -> dict[str, str]:
        """A signed-in viewer's headers: each viewer has a rate-limit bucket of its own."""
        return {"authorization": f"Bearer {mint(self.settings, viewer, viewer.replace('-', ''))}"}


@contextmanager
def deployed(
    folder: Path, connection: Connection, meanwhile: Callable[[], object] = lambda: None
) -> Iterator[Deployment]:
    """Three replicas (one process each, 5 requests/s with a burst of 10 per client) and the
    proxy in front, all on 127.0.0.1; `meanwhile` runs while the replicas start (they never
    load the seed data themselves); everything is stopped after."""
    redis = LocalRedis.start()
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_REDIS_URL=redis.url,
        BZPEER_RATE_LIMIT="5",
        BZPEER_RATE_BURST="10",
        BZPEER_JWT_SECRET=TEST_JWT_SECRET,
        BZPEER_TRUST_FORWARDED_FOR="127.0.0.1",
        BZPEER_LOG_LEVEL="warning",
        BZPEER_LOAD_SEED="false",
    )
    replicas: list[Replica] = []
    proxy: Proxy | None = None
    try:
        for _ in range(3):
            port = free_port()
            process = subprocess.Popen(
                [*CLI, "serve", "--workers", "1", "--no-migrate", "--log-level", "warning"],
                env={**env, "BZPEER_PORT": str(port)},
                cwd=folder,
                text=True,
                stdout=subprocess.DEVNULL,
                stderr=subprocess.DEVNULL,
            )
            replicas.append(Replica(port, process))
        meanwhile()
        for replica in replicas:
            _wait_ready(replica.base, replica.process)
        proxy = _start_proxy(replicas)
        yield Deployment(replicas, proxy, Settings.from_env(env, env_file=None))
    finally:
        for replica in replicas:
            if replica.process.poll() is None:
                replica.process.send_signal(signal.SIGTERM)
        for replica in replicas:
            replica.process.wait(timeout=BOUND_S)
        if proxy is not None:
            proxy.process.terminate()
            proxy.process.wait(timeout=BOUND_S)
        redis.stop()


def _wait_ready(base: str, process: subprocess.Popen[str]) -> None:
    deadline = time.monotonic() + 240  # three servers importing at once on a busy machine
    while True:
        assert process.poll() is None, f"{base} exited with {process.returncode}"
        assert time.monotonic() < deadline, f"{base} not ready in time"
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.TransportError:
            pass
        time.sleep(0.25)


def _start_proxy(replicas: list[Replica]) -> Proxy:
    port = free_port()
    env = {
        **os.environ,
        "BZPEER_PROXY_BIND": f"127.0.0.1:{port}",
        **{f"BZPEER_REPLICA_{i}": f"127.0.0.1:{r.port}" for i, r in enumerate(replicas, 1)},
    }
    process = subprocess.Popen(
        ["haproxy", "-db", "-f", str(HAPROXY_CONFIG)],
        env=env,
        text=True,
        stdout=subprocess.DEVNULL,
        stderr=subprocess.PIPE,
    )
    proxy = Proxy(f"http://127.0.0.1:{port}", process)

    def read() -> None:
        assert process.stderr is not None
        for line in process.stderr:
            proxy.lines.append((time.monotonic(), line.rstrip()))

    threading.Thread(target=read, daemon=True).start()
    _wait_ready(proxy.base, process)
    return proxy


def graphql_answers(scraped: str) -> int:
    """The /graphql answers (any status) one replica's /metrics counts."""
    pattern = r'^bzpeer_http_requests_total\{[^}]*path="/graphql"[^}]*\} (\S+)$'
    return int(sum(float(value) for value in re.findall(pattern, scraped, re.M)))


async def answers_by_replica(replicas: list[Replica]) -> list[int]:
    async with httpx.AsyncClient(timeout=BOUND_S) as http:
        scraped = [await http.get(f"{r.base}/metrics") for r in replicas]
    return [graphql_answers(answer.text) for answer in scraped]
