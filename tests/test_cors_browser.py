"""CORS in headless Chromium: a page on another origin calls /graphql with fetch and with Apollo
Client, with and without the Authorization header; a page on an origin not listed cannot read
the answers."""

from __future__ import annotations

import asyncio
import subprocess
import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from typing import Any

import pytest
from playwright.async_api import Browser, Page

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.conftest import TEST_JWT_SECRET
from tests.helpers import cli_env
from tests.test_clients import CLIENTS, node_for
from tests.test_explorer_browser import browser  # noqa: F401 (the fixture)
from tests.test_serve import serving

PAGE = (
    b"<!doctype html><title>another origin</title><p>an app on another origin</p>"
    b'<script src="/apollo.js"></script>'
)

#: runs in the page: one fetch of /graphql, its status, body and a response header it may read
CALL = """async ([url, query, headers, credentials]) => {
  try {
    const answer = await fetch(url, {
      method: "POST",
      headers: {"content-type": "application/json", ...headers},
      body: JSON.stringify({query}),
      credentials,
    });
    return {
      status: answer.status,
      body: await answer.json(),
      requestId: answer.headers.get("x-request-id") !== null,
    };
  } catch (error) {
    return {error: String(error)};
  }
}"""

#: runs in the page: one query through Apollo Client (tests/clients/browser/apollo.mjs)
APOLLO = "(args) => window.apollo(...args)"

NAME = '{ researcher(id: "gongfan-fang") { name } }'
VIEWER = "{ viewer { user { id handle } } }"
PROFILE = """query Profile($id: ID!) {
  researcher(id: $id) { id name works(first: 2, orderBy: YEAR_ASC) { edges { node { id year } } } }
}"""


@pytest.fixture(scope="module")
def apollo_bundle(tmp_path_factory: pytest.TempPathFactory) -> bytes:
    """Apollo Client for the page: tests/clients/browser/apollo.mjs bundled by esbuild."""
    node_for("esbuild")
    esbuild = CLIENTS / "node_modules" / ".bin" / "esbuild"
    out = tmp_path_factory.mktemp("bundle") / "apollo.js"
    built = subprocess.run(
        [str(esbuild), "browser/apollo.mjs", "--bundle", "--format=iife", f"--outfile={out}"],
        cwd=CLIENTS,
        capture_output=True,
        text=True,
        timeout=60,
    )
    assert built.returncode == 0, built.stderr
    return out.read_bytes()


@pytest.fixture(scope="module")
def origins(apollo_bundle: bytes) -> Iterator[tuple[str, str]]:
    """Two static pages on 127.0.0.1, on two ports: two origins (one allowed, one not)."""
    files = {"/": (PAGE, "text/html"), "/apollo.js": (apollo_bundle, "text/javascript")}

    class Static(BaseHTTPRequestHandler):
        def do_GET(self) -> None:
            body, kind = files.get(self.path, (b"not here", "text/plain"))
            self.send_response(200 if self.path in files else 404)
            self.send_header("content-type", f"{kind}; charset=utf-8")
            self.send_header("content-length", str(len(body)))
            self.end_headers()
            self.wfile.write(body)

        def log_message(self, format: str, *args: Any) -> None:
            pass

    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Static) for _ in range(2)]
    threads = [threading.Thread(target=server.serve_forever, daemon=True) for server in servers]
    for thread in threads:
        thread.start()
    try:
        allowed, other = (f"http://127.0.0.1:{server.server_address[1]}" for server in servers)
        yield allowed, other
    finally:
        for server in servers:
            server.shutdown()
            server.server_close()


@pytest.fixture(scope="module")
def api(
    origins: tuple[str, str],
    tmp_path_factory: pytest.TempPathFactory,
    connection: Connection,
    seeded: Database,
) -> Iterator[tuple[str, dict[str, str]]]:
    """A `serve` whose CORS lists the first origin (credentials too): its /graphql and a bearer
    header of a signed-in viewer."""
    allowed, _ = origins
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        BZPEER_JWT_SECRET=TEST_JWT_SECRET,
        BZPEER_CORS_ORIGINS=allowed,
        BZPEER_CORS_CREDENTIAL_ORIGINS=allowed,
    )
    token = mint(Settings.from_env(env, env_file=None), "u-cors", "cors")
    cwd = tmp_path_factory.mktemp("serve")
    with serving(["--workers", "1", "--no-migrate"], env, cwd) as served:
        yield f"{served.base}/graphql", {"authorization": f"Bearer {token}"}
    assert served.returncode == 0, served.output


async def call(page: Page, script: str, args: list[Any]) -> Any:
    """SCRIPT(ARGS) in the page, its answer within a minute."""
    return await asyncio.wait_for(page.evaluate(script, args), timeout=60)


async def opened(browser: Browser, origin: str) -> tuple[Page, list[str]]:  # noqa: F811
    """A page of ORIGIN, Apollo Client loaded, and the errors its own code raises."""
    page = await (await browser.new_context()).new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto(f"{origin}/")
    await page.wait_for_function("typeof window.apollo === 'function'", timeout=10_000)
    return page, errors


async def test_a_page_on_another_origin_fetches_with_and_without_a_token(
    browser: Browser,  # noqa: F811
    origins: tuple[str, str],
    api: tuple[str, dict[str, str]],
) -> None:
    allowed, other = origins
    url, bearer = api
    page, errors = await opened(browser, allowed)
    try:
        calls = {
            "no token": await call(page, CALL, [url, NAME, {}, "same-origin"]),
            "token": await call(page, CALL, [url, VIEWER, bearer, "same-origin"]),
            "credentials": await call(page, CALL, [url, VIEWER, bearer, "include"]),
        }
        assert calls == {
            "no token": {
                "status": 200,
                "body": {"data": {"researcher": {"name": "Gongfan Fang"}}},
                "requestId": True,
            },
            "token": {
                "status": 200,
                "body": {"data": {"viewer": {"user": {"id": "user:u-cors", "handle": "cors"}}}},
                "requestId": True,
            },
            "credentials": {
                "status": 200,
                "body": {"data": {"viewer": {"user": {"id": "user:u-cors", "handle": "cors"}}}},
                "requestId": True,
            },
        }
        await page.goto(f"{other}/")
        refused = {
            "no token": await call(page, CALL, [url, NAME, {}, "same-origin"]),
            "token": await call(page, CALL, [url, VIEWER, bearer, "same-origin"]),
        }
        # the browser keeps the answer from a page the server does not allow
        assert refused == {
            "no token": {"error": "TypeError: Failed to fetch"},
            "token": {"error": "TypeError: Failed to fetch"},
        }
    finally:
        await page.context.close()
    assert errors == []


async def test_apollo_client_in_a_page_on_another_origin_with_and_without_a_token(
    browser: Browser,  # noqa: F811
    origins: tuple[str, str],
    api: tuple[str, dict[str, str]],
) -> None:
    allowed, other = origins
    url, bearer = api
    profile = {
        "researcher": {
            "__typename": "Researcher",
            "id": "gongfan-fang",
            "name": "Gongfan Fang",
            "works": {
                "__typename": "PaperConnection",
                "edges": [
                    {
                        "__typename": "PaperEdge",
                        "node": {"__typename": "Paper", "id": "arxiv-1912.11006", "year": 2020},
                    },
                    {
                        "__typename": "PaperEdge",
                        "node": {"__typename": "Paper", "id": "arxiv-2007.05441", "year": 2020},
                    },
                ],
            },
        }
    }
    viewer = {
        "viewer": {
            "__typename": "Viewer",
            "user": {"__typename": "User", "id": "user:u-cors", "handle": "cors"},
        }
    }
    variables = {"id": "gongfan-fang"}
    page, errors = await opened(browser, allowed)
    try:
        calls = {
            "no token": await call(page, APOLLO, [url, PROFILE, variables, {}, "same-origin"]),
            "token": await call(page, APOLLO, [url, VIEWER, {}, bearer, "same-origin"]),
            "credentials": await call(page, APOLLO, [url, VIEWER, {}, bearer, "include"]),
        }
        # what Apollo Client answered, and its cache reads the same back
        assert calls == {
            "no token": {"data": profile, "cached": profile},
            "token": {"data": viewer, "cached": viewer},
            "credentials": {"data": viewer, "cached": viewer},
        }
        await page.goto(f"{other}/")
        await page.wait_for_function("typeof window.apollo === 'function'", timeout=10_000)
        refused = {
            "no token": await call(page, APOLLO, [url, PROFILE, variables, {}, "same-origin"]),
            "token": await call(page, APOLLO, [url, VIEWER, {}, bearer, "same-origin"]),
        }
        assert refused == {
            "no token": {"error": "TypeError: Failed to fetch"},
            "token": {"error": "TypeError: Failed to fetch"},
        }
    finally:
        await page.context.close()
    assert errors == []
