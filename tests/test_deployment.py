"""The multi-replica deployment as shipped: three `serve` replicas sharing one Redis and one
Neo4j behind HAProxy running deploy/haproxy.cfg unchanged (the file compose.yaml runs).

The tests share the module's replicas and proxy and run in file order: the first two use all
three, then replica 3 is killed under load, then replica 2 is stopped with SIGTERM."""

from __future__ import annotations

import asyncio
import base64
import contextlib
import shutil
import signal
import time
from collections.abc import Iterator

import httpx
import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.settings import Settings
from tests.conftest import IN_CI
from tests.deployment import (
    BOUND_S,
    HAPROXY_CONFIG,
    Deployment,
    answers_by_replica,
    deployed,
)
from tests.helpers import CHECKOUT
from tests.test_serve import refused, until
from tests.test_shared_state import GONGFAN, NAME, by_hash
from tests.test_timeout import follows_running, researcher_locked

FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { researcher { counts { followers } } } }"
FOLLOWERS = "query($id: ID!) { researcher(id: $id) { counts { followers } } }"

#: HAProxy is Debian's `haproxy` (.ci/run installs it); without it CI fails and a developer skips
pytestmark = pytest.mark.skipif(
    shutil.which("haproxy") is None and not IN_CI, reason="no haproxy (apt-get install haproxy)"
)


@pytest.fixture(scope="module")
def deployment(
    request: pytest.FixtureRequest, tmp_path_factory: pytest.TempPathFactory, connection: Connection
) -> Iterator[Deployment]:
    # the seed data is loaded while the replicas start (~20 s on a busy machine, each apart)
    with deployed(
        tmp_path_factory.mktemp("deployment"),
        connection,
        meanwhile=lambda: request.getfixturevalue("seeded"),
    ) as running:
        yield running


def test_compose_runs_the_same_proxy_file_in_front_of_three_replicas() -> None:
    compose = (CHECKOUT / "compose.yaml").read_text()
    assert "- ./deploy/haproxy.cfg:/usr/local/etc/haproxy/haproxy.cfg:ro" in compose
    for n in (1, 2, 3):
        assert f"BZPEER_REPLICA_{n}: api{n}:8000" in compose
        assert f"  api{n}:" in compose


def test_the_proxy_buffers_the_largest_body_the_replicas_accept() -> None:
    config = HAPROXY_CONFIG.read_text()
    largest = Settings.from_env({}, env_file=None).max_body_bytes
    assert f"tune.bufsize {largest + 16384}\n" in config
    assert f"if {{ req.hdr_val(content-length) gt {largest} }}" in config
    assert f"the request body is over {largest} bytes" in config


async def test_a_write_on_one_replica_is_read_on_another_with_its_bookmark(
    deployment: Deployment,
) -> None:
    first, second = deployment.replicas[0], deployment.replicas[1]
    follow = {"query": FOLLOW, "variables": {"id": "xinchao-wang"}}
    read = {"query": FOLLOWERS, "variables": {"id": "xinchao-wang"}}
    async with httpx.AsyncClient(timeout=BOUND_S) as http:
        wrote = await http.post(
            f"{first.base}/graphql", json=follow, headers=deployment.signed_in("u-bookmark-1")
        )
        assert wrote.json() == {
            "data": {"followResearcher": {"researcher": {"counts": {"followers": 1}}}}
        }
        bookmark = wrote.headers["x-bzpeer-bookmark"]
        assert bookmark.startswith("FB:")
        # an anonymous read on the other replica, sending the bookmark back
        answer = await http.post(
            f"{second.base}/graphql", json=read, headers={"x-bzpeer-bookmark": bookmark}
        )
        assert answer.json() == {"data": {"researcher": {"counts": {"followers": 1}}}}
        assert answer.headers["x-bzpeer-bookmark"].startswith("FB:")  # reads carry one on
        # a bookmark one transaction past the database: the read waits until it is reached
        waiting = asyncio.create_task(
            http.post(
                f"{second.base}/graphql", json=read, headers={"x-bzpeer-bookmark": ahead(bookmark)}
            )
        )
        done, _ = await asyncio.wait({waiting}, timeout=2)
        assert not done  # waiting for a state no replica has written yet
        second_write = await http.post(
            f"{first.base}/graphql", json=follow, headers=deployment.signed_in("u-bookmark-2")
        )
        assert second_write.status_code == 200
        answer = await asyncio.wait_for(waiting, BOUND_S)
        assert answer.json() == {"data": {"researcher": {"counts": {"followers": 2}}}}
        garbage = await http.post(
            f"{second.base}/graphql", json=read, headers={"x-bzpeer-bookmark": "FB:notabookmark"}
        )
        assert garbage.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"
        malformed = await http.post(
            f"{second.base}/graphql", json=read, headers={"x-bzpeer-bookmark": "a b"}
        )
        assert malformed.status_code == 400
        assert malformed.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def ahead(bookmark: str) -> str:
    """The bookmark of the transaction after `bookmark`'s: Neo4j 5's is "FB:" and base64 of
    a PackStream list holding the database's 16-byte id and the last transaction's id."""
    raw = base64.b64decode(bookmark.removeprefix("FB:") + "==")
    start = b"\x91\xcc\x10"
    assert raw.startswith(start), raw.hex()
    at = len(start) + 16
    marker = raw[at]
    sizes = {0xC8: 1, 0xC9: 2, 0xCA: 4, 0xCB: 8}
    size = sizes.get(marker, 0)
    value = marker if size == 0 else int.from_bytes(raw[at + 1 : at + 1 + size], "big")
    assert 0 <= value < 2**31 and (size or marker < 0x80), raw.hex()
    encoded = bytes([value + 1]) if value + 1 < 0x80 else b"\xca" + (value + 1).to_bytes(4, "big")
    next_raw = raw[:at] + encoded + raw[at + 1 + size :]
    return "FB:" + base64.b64encode(next_raw).decode().rstrip("=")


async def test_the_proxy_bounds_slow_idle_and_smuggling_connections(
    deployment: Deployment,
) -> None:
    host, port = "127.0.0.1", int(deployment.proxy.base.rsplit(":", 1)[1])
    max_body = deployment.settings.max_body_bytes

    async def trickle(head: bytes, drip: bytes) -> tuple[float, bytes]:
        """Sends `head`, then a byte of `drip` every 0.5 s (a slow client's pace) until the
        proxy closes the connection; how long that took, and what it answered."""
        reader, writer = await asyncio.open_connection(host, port)
        started = time.monotonic()
        writer.write(head)
        received = b""
        for byte in drip:
            with contextlib.suppress(TimeoutError):
                received += await asyncio.wait_for(reader.read(65536), 0.5)
            if reader.at_eof():
                break
            writer.write(bytes([byte]))
        received += await asyncio.wait_for(reader.read(), BOUND_S)
        writer.close()
        return time.monotonic() - started, received

    async def idle_after_answer() -> tuple[float, bytes]:
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(b"GET /healthz HTTP/1.1\r\nHost: bzpeer\r\n\r\n")
        head = await asyncio.wait_for(reader.readuntil(b'{"status":"ok"}'), BOUND_S)
        answered = time.monotonic()
        rest = await asyncio.wait_for(reader.read(), BOUND_S)  # until the proxy closes it
        writer.close()
        return time.monotonic() - answered, head + rest

    async def pipelined(first: bytes) -> bytes:
        """Sends `first` with a GET pipelined behind it; all the proxy sent until it closed."""
        reader, writer = await asyncio.open_connection(host, port)
        writer.write(first + b"GET /healthz HTTP/1.1\r\nHost: bzpeer\r\n\r\n")
        received = await asyncio.wait_for(reader.read(), BOUND_S)  # until the proxy closes it
        writer.close()
        return received

    def posted(length: int, framing: bytes = b"") -> bytes:
        return (
            b"POST /graphql HTTP/1.1\r\nHost: bzpeer\r\nContent-Type: application/json\r\n"
            b"Content-Length: %d\r\n%s\r\n" % (length, framing)
        )

    query = b'{"query": "{ __typename }"}'
    chunked = b"%x\r\n%s\r\n0\r\n\r\n" % (len(query), query)
    padded = query + b" " * 200
    largest = query + b" " * (max_body - len(query))  # the replicas' cap, exactly
    first_16k = b" " * 16384
    (
        headers,
        slow_body,
        slow_megabyte,
        slow_past_buffer,
        idle,
        never,
        smuggling,
        only_chunked,
        too_large,
        whole,
    ) = await asyncio.gather(
        trickle(b"GET /healthz HTTP/1.1\r\n", b"X" * 100),
        trickle(posted(len(padded)), padded),
        # 1 MB announced, its first 16 KiB at once, then a byte every half second
        trickle(posted(1_000_000) + first_16k, b" " * 100),
        # the largest body accepted, all but 100 bytes at once
        trickle(posted(len(largest)) + largest[:-100], largest[-100:]),
        idle_after_answer(),
        trickle(b"", b""),  # connects and sends nothing
        pipelined(posted(len(query), b"Transfer-Encoding: chunked\r\n") + chunked),
        pipelined(posted(0).replace(b"Content-Length: 0", b"Transfer-Encoding: chunked") + chunked),
        pipelined(posted(max_body + 1) + b" " * (max_body + 1)),
        pipelined(posted(len(largest)) + largest),
    )
    for took, answer in (headers, slow_body, slow_megabyte, slow_past_buffer):
        assert 9 < took < 15, took  # timeout http-request: 10 s for the head and whole body
        assert answer.startswith(b"HTTP/1.1 408 ")
    took, answer = idle
    assert 4 < took < 9, took  # timeout http-keep-alive: 5 s
    assert answer.startswith(b"HTTP/1.1 200 ")
    took, answer = never
    assert 9 < took < 15, took
    # one framing or the other: refused, the connection closed, the pipelined GET never read
    refused_chunked = (
        b'{"data":null,"errors":[{"message":"a request body must be sent with Content-Length, '
        b'not Transfer-Encoding","extensions":{"code":"BAD_REQUEST"}}]}'
    )
    refused_large = (
        b'{"data":null,"errors":[{"message":"the request body is over %d bytes",'
        b'"extensions":{"code":"REQUEST_TOO_LARGE","maxBytes":%d}}]}' % (max_body, max_body)
    )
    for received, status, body in (
        (smuggling, b"400", refused_chunked),
        (only_chunked, b"400", refused_chunked),
        (too_large, b"413", refused_large),
    ):
        assert received.count(b"HTTP/1.1 ") == 1, received
        head, _, answered = received.partition(b"\r\n\r\n")
        assert head.startswith(b"HTTP/1.1 %s " % status)
        assert b"connection: close" in head.lower()
        assert answered == body
    # the largest body accepted fits the proxy's buffer and is answered by a replica, and the
    # GET behind it on the same connection too
    assert whole.count(b"HTTP/1.1 200 ") == 2, whole
    assert b'{"data":{"__typename":"Query"}}' in whole
    assert whole.endswith(b'{"status":"ok"}')


async def test_a_replica_killed_under_load_costs_no_request(deployment: Deployment) -> None:
    proxy, survivors = deployment.proxy, deployment.replicas[:2]
    victim = deployment.replicas[2]
    outcomes: list[tuple[float, bool, str]] = []
    stop = asyncio.Event()
    limits = httpx.Limits(max_connections=32, max_keepalive_connections=32)
    async with httpx.AsyncClient(base_url=proxy.base, timeout=BOUND_S, limits=limits) as http:
        registered = await http.post(
            "/graphql", json=by_hash(NAME, with_text=True), headers=deployment.signed_in("u-apq")
        )
        assert registered.json() == GONGFAN

        async def client(n: int) -> None:
            """Asks by hash alone, each time as a new viewer (a full bucket: the limit is
            tested below), until told to stop."""
            sent = 0
            while not stop.is_set():
                sent += 1
                headers = deployment.signed_in(f"u-load-{n}-{sent}")
                try:
                    answer = await http.post("/graphql", json=by_hash(NAME), headers=headers)
                    ok = answer.status_code == 200 and answer.json() == GONGFAN
                    what = f"{answer.status_code} {answer.text[:80]}"
                except httpx.HTTPError as exc:
                    ok, what = False, repr(exc)
                outcomes.append((time.monotonic(), ok, what))

        load = [asyncio.create_task(client(n)) for n in range(32)]
        try:
            await until(lambda: _true(len(outcomes) >= 100), "the load to get going", BOUND_S)
            victim.process.send_signal(signal.SIGKILL)
            killed = time.monotonic()
            await until(
                lambda: _true(proxy.said("replica3 is DOWN") is not None),
                "HAProxy to take replica3 out",
                BOUND_S,
            )
            noticed = proxy.said("replica3 is DOWN") or 0.0
            after = len(outcomes)
            await until(lambda: _true(len(outcomes) >= after + 150), "answers after", BOUND_S)
        finally:
            stop.set()
            await asyncio.gather(*load)
    print(*(line for _, line in proxy.lines), sep="\n")
    failed_before = [what for at, ok, what in outcomes if not ok and at <= noticed]
    failed_after = [what for at, ok, what in outcomes if not ok and at > noticed]
    print(
        f"{len(outcomes)} answers; HAProxy took replica3 out {noticed - killed:.2f} s after the "
        f"kill; failures before that {len(failed_before)}, after {len(failed_after)}"
    )
    assert failed_after == []
    # a request caught on the killed replica is retried on another (retry-on empty-response);
    # one whose answer had begun is not: uvicorn writes an answer's head and its body in two
    # sends, and HAProxy never replays an answer it has begun to forward. A kill between the
    # two cuts that answer's body (httpx: "without sending complete message body"), at most
    # one per connection the replica held
    begun = [what for what in failed_before if "without sending complete message body" in what]
    assert [what for what in failed_before if what not in begun] == []
    assert len(begun) <= 32
    assert noticed - killed < 5  # two failed checks half a second apart, on a busy machine

    # the survivors share one bucket: 60 at once from one viewer get the burst and the rate
    before = await answers_by_replica(survivors)
    async with httpx.AsyncClient(base_url=proxy.base, timeout=BOUND_S, limits=limits) as http:
        headers = deployment.signed_in("u-limit")
        started = time.monotonic()
        answers = await asyncio.gather(
            *(http.post("/graphql", json=by_hash(NAME), headers=headers) for _ in range(60))
        )
        elapsed = time.monotonic() - started
    statuses = [answer.status_code for answer in answers]
    allowed = statuses.count(200)
    assert 10 <= allowed <= 10 + 5 * elapsed and allowed <= 22, (allowed, elapsed)
    assert statuses.count(429) == 60 - allowed
    assert all(answer.json() == GONGFAN for answer in answers if answer.status_code == 200)
    took_part = [a - b for a, b in zip(await answers_by_replica(survivors), before, strict=True)]
    assert all(n > 0 for n in took_part) and sum(took_part) == 60, took_part


async def _true(value: bool) -> bool:
    return value


async def test_sigterm_drains_a_replica_while_the_proxy_sends_to_the_others(
    deployment: Deployment, seeded: Database
) -> None:
    survivor, stopped = deployment.replicas[0], deployment.replicas[1]
    follow = {"query": FOLLOW, "variables": {"id": "gongfan-fang"}}
    async with httpx.AsyncClient(timeout=BOUND_S) as http:
        async with researcher_locked(seeded, "gongfan-fang"):
            in_flight = asyncio.create_task(
                http.post(
                    f"{stopped.base}/graphql", json=follow, headers=deployment.signed_in("u-drain")
                )
            )
            await until(lambda: follows_running(seeded), "the follow to wait for the lock")
            stopped.process.send_signal(signal.SIGTERM)
            await until(lambda: refused(stopped.base), "replica2 to stop accepting")
            # meanwhile the proxy answers from the one replica left, whether or not its
            # health check has noticed yet
            answers = [
                await http.post(
                    f"{deployment.proxy.base}/graphql",
                    json={"query": NAME},
                    headers=deployment.signed_in(f"u-after-drain-{n}"),
                )
                for n in range(10)
            ]
            assert [a.json() for a in answers] == [GONGFAN] * 10
            assert not in_flight.done()
        answer = await in_flight  # the lock is let go: the follow completes
    assert answer.json() == {
        "data": {"followResearcher": {"researcher": {"counts": {"followers": 1}}}}
    }
    assert stopped.process.wait(timeout=BOUND_S) == 0
    assert (await answers_by_replica([survivor]))[0] > 0
