"""CORS in headless Chromium: a page on another origin calls /graphql with fetch, with and
without the Authorization header; a page on an origin not listed cannot read the answers."""

from __future__ import annotations

import threading
from collections.abc import Iterator
from http.server import BaseHTTPRequestHandler, ThreadingHTTPServer
from pathlib import Path
from typing import Any

import pytest
from playwright.async_api import Browser

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.conftest import TEST_JWT_SECRET
from tests.helpers import cli_env
from tests.test_explorer_browser import browser  # noqa: F401 (the fixture)
from tests.test_serve import serving

PAGE = b"<!doctype html><title>another origin</title><p>an app on another origin</p>"

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


class Page(BaseHTTPRequestHandler):
    def do_GET(self) -> None:
        self.send_response(200)
        self.send_header("content-type", "text/html; charset=utf-8")
        self.send_header("content-length", str(len(PAGE)))
        self.end_headers()
        self.wfile.write(PAGE)

    def log_message(self, format: str, *args: Any) -> None:
        pass


@pytest.fixture(scope="module")
def origins() -> Iterator[tuple[str, str]]:
    """Two static pages on 127.0.0.1, on two ports: two origins (one allowed, one not)."""
    servers = [ThreadingHTTPServer(("127.0.0.1", 0), Page) for _ in range(2)]
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


async def test_a_page_on_another_origin_calls_the_api_with_and_without_a_token(
    browser: Browser,  # noqa: F811
    origins: tuple[str, str],
    tmp_path: Path,
    connection: Connection,
    seeded: Database,
) -> None:
    allowed, other = origins
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
    bearer = {"authorization": f"Bearer {token}"}
    name = '{ researcher(id: "gongfan-fang") { name } }'
    viewer = "{ viewer { id handle } }"
    with serving(["--workers", "1", "--no-migrate"], env, tmp_path) as served:
        api = f"{served.base}/graphql"
        context = await browser.new_context()
        try:
            page = await context.new_page()
            await page.goto(f"{allowed}/")
            calls = {
                "no token": await page.evaluate(CALL, [api, name, {}, "same-origin"]),
                "token": await page.evaluate(CALL, [api, viewer, bearer, "same-origin"]),
                "credentials": await page.evaluate(CALL, [api, viewer, bearer, "include"]),
            }
            assert calls == {
                "no token": {
                    "status": 200,
                    "body": {"data": {"researcher": {"name": "Gongfan Fang"}}},
                    "requestId": True,
                },
                "token": {
                    "status": 200,
                    "body": {"data": {"viewer": {"id": "u-cors", "handle": "cors"}}},
                    "requestId": True,
                },
                "credentials": {
                    "status": 200,
                    "body": {"data": {"viewer": {"id": "u-cors", "handle": "cors"}}},
                    "requestId": True,
                },
            }
            await page.goto(f"{other}/")
            refused = {
                "no token": await page.evaluate(CALL, [api, name, {}, "same-origin"]),
                "token": await page.evaluate(CALL, [api, viewer, bearer, "same-origin"]),
            }
            # the browser keeps the answer from a page the server does not allow
            assert refused == {
                "no token": {"error": "TypeError: Failed to fetch"},
                "token": {"error": "TypeError: Failed to fetch"},
            }
        finally:
            await context.close()
    assert served.returncode == 0, served.output
