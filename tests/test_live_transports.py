"""Subscriptions over a real `serve`: each server-sent event carries its change's id, a client
reconnecting with `Last-Event-ID` gets exactly the changes it missed (read raw, and through the
npm `graphql-sse` client), subscriptions over both transports count against the rate limit
and the subscription limits, and so does each WebSocket (the rate, and the open sockets a client
may hold)."""

from __future__ import annotations

import json
import re
import time
from collections.abc import Iterator
from contextlib import contextmanager
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.conftest import TEST_JWT_SECRET
from tests.helpers import cli_env
from tests.test_live_clients import live_clients
from tests.test_serve import Served, serving

SEED = "gongfan-fang"
WATCH = """subscription($id: ID!) { researcherChanged(id: $id) {
  eventId kind researcher { counts { followers } } } }"""
FOLLOW = "mutation($id: ID!) { followResearcher(id: $id) { researcher { id } } }"
OPEN = re.compile(r"^bzpeer_live_subscriptions(?:\{[^}]*\})? (\S+)$", re.M)
SOCKETS = re.compile(r"^bzpeer_live_sockets(?:\{[^}]*\})? (\S+)$", re.M)
#: a rate that does not refill during the test: each viewer may send four requests
LIMITS = {
    "BZPEER_RATE_LIMIT": "0.001",
    "BZPEER_RATE_BURST": "4",
    "BZPEER_MAX_SUBSCRIPTIONS": "4",
    "BZPEER_MAX_SUBSCRIPTIONS_PER_CLIENT": "2",
    "BZPEER_MAX_SOCKETS_PER_CLIENT": "2",
    "BZPEER_LIVE_RETENTION": "5",
}


@pytest.fixture(scope="module")
def served(
    tmp_path_factory: pytest.TempPathFactory, connection: Connection, seeded: Database
) -> Iterator[tuple[Served, Settings]]:
    """One server process (the change log in its memory) with small limits, on the seed."""
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        BZPEER_JWT_SECRET=TEST_JWT_SECRET,
        **LIMITS,
    )
    with serving(["--workers", "1", "--no-migrate"], env, tmp_path_factory.mktemp("serve")) as s:
        yield s, Settings.from_env(env, env_file=None)


class EventStream:
    """A raw reader of one server-sent-event stream: each event's fields as sent."""

    def __init__(self, response: httpx.Response) -> None:
        self.response = response
        self.lines = response.iter_lines()

    def next(self) -> dict[str, Any]:
        """The next event (comments skipped): its `id` (None without one), `event`, `data`."""
        fields: dict[str, Any] = {"id": None}
        for line in self.lines:
            if not line:
                if "event" in fields:
                    if fields.get("data"):
                        fields["data"] = json.loads(fields["data"])
                    return fields
                continue
            if line.startswith(":"):
                continue
            name, _, value = line.partition(":")
            fields[name] = value.removeprefix(" ")
        raise AssertionError("the stream ended")


@contextmanager
def event_stream(
    base: str, token: str, query: str = WATCH, headers: dict[str, str] | None = None
) -> Iterator[EventStream]:
    """A graphql-sse subscription (distinct connections mode) to the seed researcher."""
    body = {"query": query, "variables": {"id": SEED}}
    sent = {"accept": "text/event-stream", "authorization": f"Bearer {token}", **(headers or {})}
    with (
        httpx.Client(base_url=base, timeout=httpx.Timeout(60)) as http,
        http.stream("POST", "/graphql", json=body, headers=sent) as response,
    ):
        assert response.status_code == 200, response.read()
        yield EventStream(response)


def open_subscriptions(base: str) -> int:
    return int(float(OPEN.findall(httpx.get(f"{base}/metrics", timeout=30).text)[0]))


def open_sockets(base: str) -> int:
    return int(float(SOCKETS.findall(httpx.get(f"{base}/metrics", timeout=30).text)[0]))


def until_open(base: str, count: int, counted: Any = open_subscriptions) -> None:
    """Waits (at most 60 s) until the server holds `count` subscriptions (or sockets)."""
    deadline = time.monotonic() + 60
    while counted(base) != count:
        assert time.monotonic() < deadline, counted(base)
        time.sleep(0.05)


def follow(base: str, settings: Settings, follower: str) -> None:
    """`follower` (a viewer of its own) follows the seed researcher."""
    token = mint(settings, f"u-{follower}", follower)
    answer = httpx.post(
        f"{base}/graphql",
        json={"query": FOLLOW, "variables": {"id": SEED}},
        headers={"authorization": f"Bearer {token}"},
        timeout=60,
    )
    assert "errors" not in answer.json(), answer.json()


def watch(clients: Any, name: str, token: str, transport: str = "ws", **options: Any) -> None:
    """Subscribes the client `name` to the seed researcher's changes (WATCH) as `token`'s
    viewer; `options` go to the client script as they are (`socket`, `headers`)."""
    clients.lines[name] = []
    clients.send(
        op="subscribe",
        name=name,
        transport=transport,
        query=WATCH,
        variables={"id": SEED},
        token=token,
        **options,
    )


def codes(line: dict[str, Any]) -> list[str]:
    """The error codes a client handed over for a subscription (an `error`, or a result)."""
    errors = line["error"] if "error" in line else line["next"]["errors"]
    return [error["extensions"]["code"] for error in errors]


def change_of(event: dict[str, Any]) -> tuple[str | None, str, int]:
    """An event's id, its change's eventId and the followers read after it."""
    changed = event["data"]["data"]["researcherChanged"]
    return event["id"], changed["eventId"], changed["researcher"]["counts"]["followers"]


def test_an_event_stream_resumed_with_last_event_id_gets_exactly_the_changes_missed(
    served: tuple[Served, Settings],
) -> None:
    server, settings = served
    base = server.base
    reader = mint(settings, "u-reader", "reader")
    with event_stream(base, mint(settings, "u-watcher", "watcher")) as watcher:
        until_open(base, 1)
        with event_stream(base, reader) as first:
            until_open(base, 2)
            follow(base, settings, "w1")
            got = first.next()
        until_open(base, 1)
        one = watcher.next()
        assert got["event"] == "next"
        last, event_id, followers = change_of(got)
        assert (last, followers) == (event_id, 1)  # the event's id is the change's eventId
        assert change_of(one) == (last, last, 1)
        # gone: two changes happen
        follow(base, settings, "w2")
        follow(base, settings, "w3")
        missed = [change_of(watcher.next()) for _ in range(2)]
        assert [followers for _, _, followers in missed] == [2, 3]
        with event_stream(base, reader, headers={"Last-Event-ID": last}) as back:
            caught_up = [change_of(back.next()) for _ in range(2)]
            # exactly the two missed, each with the id the watcher saw; read when handed over
            assert caught_up == [(i, i, 3) for i, _, _ in missed]
            follow(base, settings, "w4")
            live = change_of(back.next())
            assert live == (change_of(watcher.next())[0],) * 2 + (4,)
        # three more changes: the log keeps five, so the ones after `last` are gone
        for follower in ("w5", "w6", "w7"):
            follow(base, settings, follower)
        with event_stream(base, reader, headers={"Last-Event-ID": last}) as late:
            expired = late.next()
        assert expired["id"] is None
        assert expired["data"]["errors"][0]["extensions"]["code"] == "EVENTS_EXPIRED"
    refused = httpx.post(
        f"{base}/graphql",
        json={"query": WATCH, "variables": {"id": SEED}},
        headers={"accept": "text/event-stream", "Last-Event-ID": "yesterday"},
        timeout=60,
    )
    assert refused.status_code == 400
    assert refused.json()["errors"][0]["extensions"]["code"] == "BAD_USER_INPUT"


def test_the_graphql_sse_client_resumes_with_last_event_id(
    served: tuple[Served, Settings],
) -> None:
    server, settings = served
    base = server.base
    token = mint(settings, "u-sse-client", "sse")
    with (
        event_stream(base, mint(settings, "u-watcher-2", "watcher2")) as watcher,
        live_clients(f"{base}/graphql") as clients,
    ):
        until_open(base, 1)
        follow(base, settings, "x1")
        last = change_of(watcher.next())[0]
        assert last is not None
        follow(base, settings, "x2")
        follow(base, settings, "x3")
        missed = [change_of(watcher.next()) for _ in range(2)]
        watch(clients, "back", token, transport="sse", headers={"Last-Event-ID": last})
        caught_up = [clients.next("back")["next"]["data"]["researcherChanged"] for _ in range(2)]
        resumed = [(c["eventId"], c["researcher"]["counts"]["followers"]) for c in caught_up]
        # the seven followers of the test before and three: read when handed over
        assert resumed == [(event_id, 10) for event_id, _, _ in missed]


def test_subscriptions_of_both_transports_count_against_the_limits_and_the_rate(
    served: tuple[Served, Settings],
) -> None:
    server, settings = served
    base = server.base
    many = mint(settings, "u-many", "many")
    with (
        event_stream(base, many) as _one,
        event_stream(base, many) as _two,
        live_clients(f"{base}/graphql") as clients,
    ):
        until_open(base, 2)
        # a third of the same viewer, over a WebSocket (its socket takes the third request):
        # past the two subscriptions a client may hold
        watch(clients, "third", many)
        third = clients.next("third")
        assert codes(third) == ["TOO_MANY_SUBSCRIPTIONS"]
        # its fifth request: past the rate (four at once, next in 1,000 s)
        refused = httpx.post(
            f"{base}/graphql",
            json={"query": WATCH, "variables": {"id": SEED}},
            headers={"accept": "text/event-stream", "authorization": f"Bearer {many}"},
            timeout=60,
        )
        assert refused.status_code == 429
        assert refused.json()["errors"][0]["extensions"]["code"] == "RATE_LIMITED"
        other = mint(settings, "u-other", "other")
        # one socket (one request), each subscription on it one more
        for name in ("o1", "o2"):
            watch(clients, name, other, socket="other")
        until_open(base, 4)
        # the process holds four: a fifth, of anyone, is refused
        with event_stream(base, mint(settings, "u-late", "late")) as late:
            refusal = late.next()
        assert refusal["data"]["errors"][0]["extensions"]["code"] == "TOO_MANY_SUBSCRIPTIONS"
        # the WebSocket's third operation of `other` is past the limit, its fourth past the rate
        for name, code in (("o3", "TOO_MANY_SUBSCRIPTIONS"), ("o4", "RATE_LIMITED")):
            watch(clients, name, other, socket="other")
            assert codes(clients.next(name)) == [code]


def test_a_websocket_takes_from_the_rate_and_a_client_holds_at_most_two_open(
    served: tuple[Served, Settings],
) -> None:
    server, settings = served
    base = server.base
    token = mint(settings, "u-sockets", "sockets")

    def opened(name: str) -> dict[str, Any]:
        clients.lines[name] = []
        clients.send(op="open", name=name, token=token)
        return clients.next(name)

    def closed(name: str, still_open: int) -> None:
        clients.send(op="close", name=name)
        assert clients.next(name) == {"name": name, "closed": True}
        until_open(base, still_open, open_sockets)

    with live_clients(f"{base}/graphql") as clients:
        assert opened("s1") == {"name": "s1", "connected": True}  # request 1
        assert opened("s2") == {"name": "s2", "connected": True}  # 2
        until_open(base, 2, open_sockets)
        # request 3: the viewer holds two sockets open, as many as a client may
        assert opened("s3") == {
            "name": "s3",
            "error": {
                "closeCode": 4429,
                "reason": "TOO_MANY_SOCKETS: at most 2 open sockets per client",
            },
        }
        closed("s1", 1)
        assert opened("s4") == {"name": "s4", "connected": True}  # 4
        closed("s2", 1)
        # a place is free, but the socket is the viewer's fifth request: past the rate
        refused = opened("s5")["error"]
        assert refused["closeCode"] == 4429
        assert refused["reason"].startswith("RATE_LIMITED: too many requests; try again in ")
        assert open_sockets(base) == 1
        # no subscription of it was ever open
        until_open(base, 0)
