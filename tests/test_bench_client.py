"""The bench's keep-alive HTTP client reads what uvicorn sends: answers framed by length (the
server's own) and by chunks, over one reused connection, as httpx reads them."""

from __future__ import annotations

import asyncio
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from typing import Any

import httpx
import pytest
import uvicorn
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import StreamingResponse
from starlette.routing import Mount, Route

from bench.keepalive import KeepAliveClient
from bench.questions import QUESTIONS
from bzpeer_graphql import create_app
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.settings import Settings

pytestmark = pytest.mark.usefixtures("seeded")

PAPER = next(question for question in QUESTIONS if question.name == "paper")


async def _counted(request: Request) -> StreamingResponse:
    """As many chunks as the body's `n` asks, one number a line."""
    wanted = (await request.json())["n"]

    async def lines() -> AsyncIterator[bytes]:
        for number in range(wanted):
            yield f"{number}\n".encode()

    return StreamingResponse(lines(), media_type="text/plain")


@asynccontextmanager
async def _uvicorn(app: Any, **options: Any) -> AsyncIterator[int]:
    """`app` on uvicorn at 127.0.0.1 (its port), stopped after."""
    port = free_port()
    config = uvicorn.Config(
        app, host="127.0.0.1", port=port, log_level="error", lifespan="off", **options
    )
    server = uvicorn.Server(config)
    task = asyncio.create_task(server.serve())
    for _ in range(200):
        if server.started:
            break
        await asyncio.sleep(0.05)
    assert server.started
    try:
        yield port
    finally:
        server.should_exit = True
        await task


@pytest.fixture
async def served(settings: Settings) -> AsyncIterator[int]:
    """The app under /api and a chunked route."""
    app = create_app(settings)
    host = Starlette(routes=[Route("/chunks", _counted, methods=["POST"]), Mount("/api", app)])
    async with _uvicorn(host) as port:
        yield port
    await app.state.runtime.close()


async def test_the_client_reads_an_answer_as_httpx_does_over_one_connection(served: int) -> None:
    client = KeepAliveClient("127.0.0.1", served)
    payload = {"query": PAPER.bzpeer, "variables": PAPER.params("arxiv-2207.13309")}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{served}") as http:
        expected = await http.post("/api/graphql", json=payload, headers={"X-Bzpeer-Debug": "1"})
    answers = [
        await client.post_json("/api/graphql", payload, {"X-Bzpeer-Debug": "1"}) for _ in range(3)
    ]
    assert [answer.status for answer in answers] == [200, 200, 200]
    wanted = expected.json()
    assert wanted["data"]["paper"]["authors"]
    for answer in answers:
        body = answer.json()
        assert body["data"] == wanted["data"]
        # the header went along: the round trips are told (their milliseconds vary)
        assert body["extensions"]["cypher"]["queries"] == wanted["extensions"]["cypher"]["queries"]
        assert answer.headers["content-length"] == str(len(answer.body))
    assert len(client._idle) == 1  # the three requests went over one connection
    await client.aclose()


async def test_the_client_reads_a_chunked_answer(served: int) -> None:
    client = KeepAliveClient("127.0.0.1", served)
    answer = await client.post_json("/chunks", {"n": 3})
    assert answer.headers["transfer-encoding"] == "chunked"
    assert answer.body == b"0\n1\n2\n"
    again = await client.post_json("/chunks", {"n": 0})
    assert again.body == b""
    assert len(client._idle) == 1
    await client.aclose()


async def test_a_connection_the_server_closed_is_not_reused() -> None:
    app = Starlette(routes=[Route("/chunks", _counted, methods=["POST"])])
    async with _uvicorn(app, timeout_keep_alive=1) as port:
        client = KeepAliveClient("127.0.0.1", port)
        assert (await client.post_json("/chunks", {"n": 1})).body == b"0\n"
        idle = client._idle[0]
        for _ in range(100):  # uvicorn closes a connection idle for its keep-alive timeout
            if idle.reader.at_eof():
                break
            await asyncio.sleep(0.05)
        assert idle.reader.at_eof()
        assert (await client.post_json("/chunks", {"n": 2})).body == b"0\n1\n"
        assert client._idle and client._idle[0] is not idle
        await client.aclose()
