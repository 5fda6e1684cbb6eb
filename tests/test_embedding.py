"""Apps embed the server: one client shared by the mounted app and the host's own Python,
the host's sign-in, and nothing done behind the host's back."""

from __future__ import annotations

import asyncio
import threading
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest
from neo4j import AsyncGraphDatabase
from prometheus_client import CollectorRegistry, generate_latest
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import PlainTextResponse
from starlette.routing import Mount, Route

import bzpeer_graphql
from bzpeer_graphql import Client, Viewer
from bzpeer_graphql.client import NOT_CONFIGURED
from bzpeer_graphql.db.database import Connection
from bzpeer_graphql.errors import DatabaseUnavailable, NotFound, Unauthenticated
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.typed import Counts, Institution, OperationError, Researcher, Trust
from tests.conftest import base_settings

pytestmark = pytest.mark.usefixtures("seeded")

NAME = '{ researcher(id: "gongfan-fang") { name } }'
FOLLOW = """mutation { followResearcher(id: "gongfan-fang") {
  researcher { viewerFollows counts { followers } } } }"""
UNFOLLOW = 'mutation { unfollowResearcher(id: "gongfan-fang") { researcher { id } } }'
FOLLOWED = {
    "data": {
        "followResearcher": {"researcher": {"viewerFollows": True, "counts": {"followers": 1}}}
    }
}


@asynccontextmanager
async def web(app: Any, base: str = "http://host") -> AsyncIterator[httpx.AsyncClient]:
    async with httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url=base) as http:
        yield http


async def test_mounted_under_a_prefix(settings: Settings) -> None:
    api = bzpeer_graphql.create_app(settings)

    async def home(request: object) -> PlainTextResponse:
        return PlainTextResponse("the host app")

    host = Starlette(routes=[Route("/", home), Mount("/research", app=api)])
    async with web(host) as client:
        assert (await client.get("/")).text == "the host app"
        assert (await client.get("/research/healthz")).json() == {"status": "ok"}
        answer = await client.post("/research/graphql", json={"query": NAME})
        metrics = (await client.get("/research/metrics")).text
    await api.state.runtime.close()
    assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
    # counted by the app's own route, not as "other"
    assert 'bzpeer_http_requests_total{path="/graphql",status="200"} 1.0' in metrics
    assert 'bzpeer_http_requests_total{path="/healthz",status="200"} 1.0' in metrics
    assert 'path="other"' not in metrics


async def test_app_and_host_share_one_client_and_its_driver(settings: Settings) -> None:
    client = Client(settings)
    api = bzpeer_graphql.create_app(client=client)
    host = Starlette(routes=[Mount("/api", app=api)], lifespan=client.lifespan)
    async with web(host) as http:
        answer = await http.post("/api/graphql", json={"query": NAME})
    driver = client.db.driver
    in_process = await client.execute(NAME)
    module_level = await bzpeer_graphql.execute(NAME, client=client)
    assert client.db.driver is driver  # one driver for the mounted app and both calls
    await api.state.runtime.close()  # the app's own close leaves the host's client open
    assert await client.execute(NAME) == in_process
    await client.close()
    assert (
        answer.json()
        == in_process
        == module_level
        == {"data": {"researcher": {"name": "Gongfan Fang"}}}
    )


async def test_lifespan_helper_closes_the_driver_once_within_a_host_lifespan(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client(settings)
    events: list[str] = []

    @asynccontextmanager
    async def host_lifespan(app: Starlette) -> AsyncIterator[None]:
        async with client.lifespan(app):
            events.append("host started")
            yield
            events.append("host stopping")

    host = Starlette(
        routes=[Mount("/api", app=bzpeer_graphql.create_app(client=client))],
        lifespan=host_lifespan,
    )
    caplog.set_level("INFO", logger="bzpeer_graphql.client")
    async with host.router.lifespan_context(host):
        async with web(host) as http:
            answer = await http.post("/api/graphql", json={"query": NAME})
        assert client.db.driver is not None
    await client.close()  # a second close does nothing
    closed = [r.message for r in caplog.records if r.message == "Neo4j driver closed"]
    assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
    assert events == ["host started", "host stopping"]
    assert closed == ["Neo4j driver closed"]


async def test_a_driver_the_host_passes_is_used_and_left_open(connection: Connection) -> None:
    driver = AsyncGraphDatabase.driver(connection.uri, auth=(connection.user, connection.password))
    client = Client(base_settings(), driver=driver)
    try:
        assert await client.execute(NAME) == {"data": {"researcher": {"name": "Gongfan Fang"}}}
        assert client.db.driver is driver
        await client.close()
        records, _, _ = await driver.execute_query("RETURN 1 AS one")
        assert [r["one"] for r in records] == [1]
    finally:
        await driver.close()


def test_one_client_serves_event_loops_one_after_another(
    settings: Settings, caplog: pytest.LogCaptureFixture
) -> None:
    client = Client(settings)
    answers: list[Any] = []

    def in_new_loops() -> None:
        answers.append(asyncio.run(client.execute(NAME)))
        answers.append(asyncio.run(client.execute(NAME)))  # the first loop's driver is gone
        asyncio.run(client.close())  # from a loop that never used it: no "Event loop is closed"

    caplog.set_level("INFO", logger="bzpeer_graphql.client")
    thread = threading.Thread(target=in_new_loops)  # asyncio.run needs a thread without a loop
    thread.start()
    thread.join(timeout=60)
    closed = [r.message for r in caplog.records if r.name == "bzpeer_graphql.client"]
    assert answers == [{"data": {"researcher": {"name": "Gongfan Fang"}}}] * 2
    # each loop's driver closed as its loop ended; nothing left for the last close
    assert closed == ["Neo4j driver closed", "Neo4j driver closed"]


async def test_execute_with_settings_leaves_no_driver_open(settings: Settings) -> None:
    result = await bzpeer_graphql.execute(
        "query($id: ID!) { researcher(id: $id) { counts { works closeCollaborators } } }",
        {"id": "gongfan-fang"},
        settings=replace(settings, max_depth=14),
    )
    bad = await bzpeer_graphql.execute("{ researcher { name } }", settings=settings)
    assert result == {"data": {"researcher": {"counts": {"works": 5, "closeCollaborators": 4}}}}
    assert bad["errors"][0]["extensions"]["code"] == "GRAPHQL_VALIDATION_FAILED"
    assert bzpeer_graphql.embed._default is None


async def test_execute_as_a_viewer_the_host_app_signed_in(settings: Settings) -> None:
    client = Client(settings)
    anonymous = await client.execute(FOLLOW)
    viewer = Viewer(id="u-embedded", handle="host-user")
    followed = await client.execute(FOLLOW, viewer=viewer)
    seen = await client.execute(
        "{ viewer { user { handle } follows { totalCount } } }", viewer=viewer
    )
    await client.execute(UNFOLLOW, viewer=viewer)
    await client.close()
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert followed == FOLLOWED
    followers = {"totalCount": 1}
    assert seen == {"data": {"viewer": {"user": {"handle": "host-user"}, "follows": followers}}}


async def test_host_session_cookie_signs_in_before_any_token(settings: Settings) -> None:
    sessions = {"s-4f2a": Viewer(id="u-cookie", handle="cookie-user")}

    async def from_cookie(request: Request) -> Viewer | None:
        return sessions.get(request.cookies.get("host_session", ""))

    client = Client(settings)
    host = Starlette(
        routes=[Mount("/api", app=bzpeer_graphql.create_app(client=client, viewer=from_cookie))]
    )
    async with web(host) as http:
        anonymous = await http.post("/api/graphql", json={"query": FOLLOW})
        http.cookies.set("host_session", "s-4f2a")
        # the host's user wins over a token that would not verify
        followed = await http.post(
            "/api/graphql", json={"query": FOLLOW}, headers={"authorization": "Bearer nonsense"}
        )
        who = await http.post("/api/graphql", json={"query": "{ viewer { user { handle } } }"})
        await http.post("/api/graphql", json={"query": UNFOLLOW})
        http.cookies.clear()
        bad_token = await http.post(
            "/api/graphql", json={"query": NAME}, headers={"authorization": "Bearer nonsense"}
        )
    await client.close()
    assert anonymous.json()["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert followed.json() == FOLLOWED
    assert who.json() == {"data": {"viewer": {"user": {"handle": "cookie-user"}}}}
    # without the host's user, the token check runs as before
    assert bad_token.status_code == 401


async def test_typed_researcher_and_typed_errors(settings: Settings) -> None:
    client = Client(settings)
    found = await client.researcher("gongfan-fang")
    unknown = await client.researcher("nobody-at-all")
    with pytest.raises(Unauthenticated) as anonymous:
        await client.data(FOLLOW)
    with pytest.raises(NotFound) as missing:
        await client.data(
            'mutation { followResearcher(id: "nobody-at-all") { researcher { id } } }',
            viewer=Viewer("u-typed", "typed"),
        )
    await client.close()
    assert found == Researcher(
        id="gongfan-fang",
        name="Gongfan Fang",
        headline="Gongfan Fang contributes to research discovery and scholarly infrastructure.",
        orcid=None,
        open_to_collaborate=True,
        viewer_follows=False,
        affiliation=None,
        counts=Counts(
            works=5, followers=0, topics=4, close_collaborators=4, coauthors=15, citations=0
        ),
        trust=Trust(score=19, label="Unverified", verification_level=1, claim_status="UNCLAIMED"),
    )
    assert unknown is None
    assert isinstance(anonymous.value, OperationError)
    assert anonymous.value.code == "UNAUTHENTICATED" and anonymous.value.data is None
    assert anonymous.value.errors[0]["path"] == ["followResearcher"]
    assert isinstance(missing.value, OperationError) and missing.value.code == "NOT_FOUND"
    assert Institution("i1", "x", None).country is None


async def test_no_database_configured_answers_service_unavailable_and_writes_nothing(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.chdir(tmp_path)
    (tmp_path / ".env").write_text("NEO4J_URI=bolt://127.0.0.1:1\n")  # never read when embedded
    for name in ("NEO4J_URI", "BZPEER_JWT_SECRET"):
        monkeypatch.delenv(name, raising=False)
    home, cache = tmp_path / "neo4j-home", tmp_path / "cache"
    monkeypatch.setenv("BZPEER_NEO4J_HOME", str(home))
    monkeypatch.setenv("BZPEER_CACHE_DIR", str(cache))
    client = Client()
    app = bzpeer_graphql.create_app(client=client)
    async with web(app) as http:
        answer = await http.post("/graphql", json={"query": NAME})
        with_token = await http.post(
            "/graphql", json={"query": NAME}, headers={"authorization": "Bearer x.y.z"}
        )
        ready = await http.get("/readyz")
    in_process = await client.execute(NAME)
    with pytest.raises(DatabaseUnavailable):
        await client.researcher("gongfan-fang")
    await client.close()
    assert client.settings.neo4j_uri is None
    unavailable = {
        "data": None,
        "errors": [{"message": NOT_CONFIGURED, "extensions": {"code": "SERVICE_UNAVAILABLE"}}],
    }
    assert (answer.status_code, answer.json()) == (503, unavailable)
    assert (with_token.status_code, with_token.json()) == (503, unavailable)
    assert ready.status_code == 503 and ready.json()["neo4j"] == "not configured"
    assert in_process == unavailable
    assert not home.exists() and not cache.exists()  # no password, no secret, no Neo4j


@pytest.mark.parametrize(
    ("change", "message"),
    [
        (
            {"neo4j_user": "no-such-user", "neo4j_password": "wrong"},
            "the database refused this server's credentials (check NEO4J_USER and NEO4J_PASSWORD)",
        ),
        (
            {"neo4j_database": "nosuchdatabase"},
            "the database named by NEO4J_DATABASE does not exist on this Neo4j",
        ),
    ],
)
async def test_a_wrong_database_answers_service_unavailable_naming_the_cause(
    settings: Settings, change: dict[str, str], message: str
) -> None:
    app = bzpeer_graphql.create_app(replace(settings, **change))
    async with web(app) as http:
        answer = await http.post("/graphql", json={"query": NAME})
    await app.state.runtime.close()
    assert answer.status_code == 503
    [error] = answer.json()["errors"]
    assert error["message"] == message
    assert error["extensions"] == {"code": "SERVICE_UNAVAILABLE"}


async def test_metrics_health_and_headers_as_the_host_chooses(settings: Settings) -> None:
    registry = CollectorRegistry()
    quiet = bzpeer_graphql.create_app(
        settings, health=False, metrics=False, security_headers=False, metrics_registry=registry
    )
    plain = bzpeer_graphql.create_app(settings)
    async with web(quiet) as http:
        answer = await http.post("/graphql", json={"query": NAME})
        gone = [(await http.get(p)).status_code for p in ("/healthz", "/readyz", "/metrics")]
    async with web(plain) as http:
        guarded = await http.post("/graphql", json={"query": NAME})
    await quiet.state.runtime.close()
    await plain.state.runtime.close()
    assert answer.status_code == 200 and gone == [404, 404, 404]
    assert "x-frame-options" not in answer.headers
    assert "content-security-policy" not in answer.headers
    assert guarded.headers["x-frame-options"] == "DENY"
    # the host's registry carries the series; the host exposes them itself
    exposed = generate_latest(registry).decode()
    assert 'bzpeer_http_requests_total{path="/graphql",status="200"} 1.0' in exposed


async def test_metrics_stay_the_apps_own_when_the_host_runs_multiprocess(
    settings: Settings, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    monkeypatch.setenv("PROMETHEUS_MULTIPROC_DIR", str(tmp_path))
    app = bzpeer_graphql.create_app(settings)
    async with web(app) as http:
        await http.post("/graphql", json={"query": NAME})
        metrics = (await http.get("/metrics")).text
    await app.state.runtime.close()
    assert 'bzpeer_http_requests_total{path="/graphql",status="200"} 1.0' in metrics
