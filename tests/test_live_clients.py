"""Subscriptions through the real npm clients, `graphql-ws` and `graphql-sse`, against a real
`serve --workers 2`: a mutation answered by one worker reaches the subscribers of both, with
exact payloads, and a subscriber coming back with its last event id misses nothing; a viewer's
open WebSockets are counted across both workers."""

from __future__ import annotations

import json
import os
import re
import select
import shutil
import subprocess
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.conftest import IN_CI, TEST_JWT_SECRET
from tests.helpers import cli_env
from tests.test_clients import CLIENTS
from tests.test_serve import serving

SEED = "gongfan-fang"
RESEARCHER = """subscription($id: ID!, $after: ID) { researcherChanged(id: $id, after: $after) {
  eventId kind researcherId researcher { counts { followers } trust { score } viewerFollows } } }"""
FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { researcher { id } } }"
UNFOLLOW = "mutation($id: ID!) { unfollowResearcher(id: $id) { researcher { id } } }"
SUBSCRIBED = re.compile(r'^bzpeer_live_subscriptions\{pid="(\d+)"\} (\S+)$', re.M)


class LiveClients:
    """`node live.mjs`: subscriptions through graphql-ws and graphql-sse, driven line by line."""

    def __init__(self, process: subprocess.Popen[str]) -> None:
        self.process = process
        self.lines: dict[str, list[dict[str, Any]]] = {}
        #: what was read of the client's output and is not yet a whole line
        self.unread = b""

    def send(self, **command: Any) -> None:
        assert self.process.stdin is not None
        self.process.stdin.write(json.dumps(command) + "\n")
        self.process.stdin.flush()

    def subscribe(self, name: str, transport: str, token: str | None, **variables: Any) -> None:
        self.lines[name] = []
        self.send(
            op="subscribe",
            name=name,
            transport=transport,
            query=RESEARCHER,
            variables=variables,
            token=token,
        )

    def next(self, name: str, timeout: float = 120) -> dict[str, Any]:
        """The next line the client wrote about subscription `name`."""
        deadline = time.monotonic() + timeout
        while not self.lines[name]:
            left = deadline - time.monotonic()
            assert left > 0, f"nothing for {name} in {timeout} s"
            assert self.process.stdout is not None
            # read from the pipe itself: a buffered readline could keep a second line that
            # came in the same chunk where select() does not see it
            ready, _, _ = select.select([self.process.stdout], [], [], left)
            if ready:
                chunk = os.read(self.process.stdout.fileno(), 65536)
                assert chunk, "the client exited"
                *whole, self.unread = (self.unread + chunk).split(b"\n")
                for text in whole:
                    line = json.loads(text)
                    self.lines.setdefault(line["name"], []).append(line)
        return self.lines[name].pop(0)


@contextmanager
def live_clients(url: str) -> Iterator[LiveClients]:
    node = shutil.which("node")
    if node is None or not (CLIENTS / "node_modules" / "graphql-sse").is_dir():
        reason = "node or tests/clients/node_modules missing (cd tests/clients && npm ci)"
        if IN_CI:
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    process = subprocess.Popen(
        [node, "live.mjs", url],
        cwd=CLIENTS,
        stdin=subprocess.PIPE,
        stdout=subprocess.PIPE,
        text=True,
    )
    try:
        yield LiveClients(process)
    finally:
        if process.stdin is not None:
            process.stdin.close()  # the script ends its subscriptions and exits
        try:
            process.wait(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.wait()


def by_worker(base: str, series: re.Pattern[str]) -> dict[str, int]:
    """A per-process gauge of /metrics (open subscriptions, open sockets) by worker pid."""
    scraped = httpx.get(f"{base}/metrics", timeout=30).text
    return {pid: int(float(value)) for pid, value in series.findall(scraped)}


def subscribers_by_worker(base: str) -> dict[str, int]:
    """Open subscriptions of each worker process, as /metrics counts them."""
    return by_worker(base, SUBSCRIBED)


def served_env(connection: Connection, **settings: str) -> dict[str, str]:
    """The environment of a `serve` over the test database, on a free port."""
    return cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        BZPEER_JWT_SECRET=TEST_JWT_SECRET,
        **settings,
    )


def test_a_mutation_reaches_graphql_ws_and_graphql_sse_subscribers_on_both_workers(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    env = served_env(connection)
    settings = Settings.from_env(env, env_file=None)
    anne, bob = mint(settings, "u-anne", "anne"), mint(settings, "u-bob", "bob")

    def mutate(query: str, token: str) -> None:
        answer = httpx.post(
            f"{served.base}/graphql",
            json={"query": query, "variables": {"id": SEED}},
            headers={"authorization": f"Bearer {token}"},
            timeout=60,
        )
        assert "errors" not in answer.json(), answer.json()

    # no BZPEER_REDIS_URL: serve starts a local redis-server for its two workers
    with (
        serving(["--workers", "2", "--no-migrate"], env, tmp_path) as served,
        live_clients(f"{served.base}/graphql") as clients,
    ):
        # each subscription on a connection of its own, until both workers hold some (the
        # kernel hands a new connection to either)
        names: list[str] = []
        for n in range(16):
            name = f"s{n}"
            clients.subscribe(name, "ws" if n % 2 else "sse", anne if n == 0 else None, id=SEED)
            names.append(name)
            deadline = time.monotonic() + 60
            while sum(subscribers_by_worker(served.base).values()) < len(names):
                assert time.monotonic() < deadline, subscribers_by_worker(served.base)
                time.sleep(0.1)
            held = subscribers_by_worker(served.base)
            if len(names) >= 2 and all(held.values()) and len(held) == 2:
                break
        assert len(held) == 2 and all(held.values()), held

        mutate(FOLLOW, bob)
        received = {name: clients.next(name) for name in names}
        first = received[names[0]]["next"]["data"]["researcherChanged"]["eventId"]
        for name, line in received.items():
            assert line == {
                "name": name,
                "next": {
                    "data": {
                        "researcherChanged": {
                            "eventId": first,
                            "kind": "FOLLOWERS",
                            "researcherId": SEED,
                            "researcher": {
                                "counts": {"followers": 1},
                                "trust": {"score": 20},
                                "viewerFollows": False,  # Bob follows; s0 is Anne, others nobody
                            },
                        }
                    }
                },
            }

        # s1 goes away; two changes happen; it comes back with the last id it received
        clients.send(op="close", name=names[1])
        assert clients.next(names[1]) == {"name": names[1], "closed": True}
        mutate(UNFOLLOW, bob)
        mutate(FOLLOW, anne)
        live = [clients.next(names[0])["next"]["data"]["researcherChanged"] for _ in range(2)]
        clients.subscribe("back", "ws", None, id=SEED, after=first)
        caught_up = [clients.next("back")["next"]["data"]["researcherChanged"] for _ in range(2)]
        assert [c["eventId"] for c in caught_up] == [c["eventId"] for c in live]
        assert [c["kind"] for c in caught_up] == ["FOLLOWERS", "FOLLOWERS"]
        # read when handed over: Anne follows now
        assert [c["researcher"]["counts"] for c in caught_up] == [{"followers": 1}] * 2


SOCKETS = re.compile(r'^bzpeer_live_sockets\{pid="(\d+)"\} (\S+)$', re.M)


def sockets_by_worker(base: str) -> dict[str, int]:
    """Open WebSockets of each worker process, as /metrics counts them."""
    return by_worker(base, SOCKETS)


def test_a_clients_open_sockets_are_counted_across_workers(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    env = served_env(connection, BZPEER_MAX_SOCKETS_PER_CLIENT="2")
    token = mint(Settings.from_env(env, env_file=None), "u-sockets", "sockets")
    with (
        serving(["--workers", "2", "--no-migrate"], env, tmp_path) as served,
        live_clients(f"{served.base}/graphql") as clients,
    ):

        def opened(name: str) -> dict[str, Any]:
            clients.lines[name] = []
            clients.send(op="open", name=name, token=token)
            return clients.next(name)

        def until_held(total: int) -> dict[str, int]:
            deadline = time.monotonic() + 60
            while sum((held := sockets_by_worker(served.base)).values()) != total:
                assert time.monotonic() < deadline, held
                time.sleep(0.1)
            return held

        assert opened("a") == {"name": "a", "connected": True}
        # a second socket on a connection of its own, until the other worker holds it (the
        # kernel hands a new connection to either)
        for n in range(30):
            name = f"b{n}"
            assert opened(name) == {"name": name, "connected": True}
            held = until_held(2)
            if len(held) == 2 and all(held.values()):
                break
            clients.send(op="close", name=name)
            assert clients.next(name) == {"name": name, "closed": True}
            until_held(1)
        assert len(held) == 2 and all(held.values()), held
        # one socket on each worker: a third, on either, is past the two the viewer may hold
        refused = {
            "closeCode": 4429,
            "reason": "TOO_MANY_SOCKETS: at most 2 open sockets per client",
        }
        assert opened("c") == {"name": "c", "error": refused}
        assert until_held(2) == held
        # the first one closes on its worker: a place is free for a socket on any worker
        clients.send(op="close", name="a")
        assert clients.next("a") == {"name": "a", "closed": True}
        until_held(1)
        assert opened("d") == {"name": "d", "connected": True}
        assert opened("e") == {"name": "e", "error": refused}
