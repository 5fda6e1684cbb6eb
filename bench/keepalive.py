"""The bench's HTTP client: JSON POSTs over keep-alive HTTP/1.1 connections to one server.
`python -m bench.keepalive [N]` times it against httpx on the same server, in turns.

The timed requests measure servers, so the client should cost as little as it can: httpx's
`AsyncClient` spends about half a millisecond of its own CPU on each request (its transport,
header models and connection pool), which every HTTP contender's p50 then carries and the
floor's does not. This client writes the request bytes itself and reads a response framed by
`Content-Length` or chunked transfer coding, nothing more; any other framing is an error.
"""

from __future__ import annotations

import asyncio
import contextlib
from dataclasses import dataclass, field
from typing import Any

import orjson

#: the most bytes of a response's status line and headers
MAX_HEAD_BYTES = 64 * 1024


class HttpError(RuntimeError):
    """The server's answer could not be read as HTTP/1.1."""


@dataclass
class Answer:
    """A response's status, headers (lower-cased names) and body."""

    status: int
    headers: dict[str, str]
    body: bytes

    def json(self) -> Any:
        return orjson.loads(self.body)


@dataclass
class _Connection:
    reader: asyncio.StreamReader
    writer: asyncio.StreamWriter


@dataclass
class KeepAliveClient:
    """POSTs JSON to `host:port`, reusing idle connections (at most `pool` kept)."""

    host: str
    port: int
    pool: int = 64
    timeout_s: float = 120
    _idle: list[_Connection] = field(default_factory=list)

    async def post_json(
        self, path: str, payload: Any, headers: dict[str, str] | None = None
    ) -> Answer:
        body = orjson.dumps(payload)
        head = [
            f"POST {path} HTTP/1.1",
            f"host: {self.host}:{self.port}",
            "content-type: application/json",
            "accept: application/json",
            f"content-length: {len(body)}",
        ]
        head += [f"{name}: {value}" for name, value in (headers or {}).items()]
        request = ("\r\n".join(head) + "\r\n\r\n").encode("latin-1") + body
        kept = self._kept()
        connection = kept or await self._open()
        try:
            connection.writer.write(request)
            answer, reusable = await asyncio.wait_for(_read(connection.reader), self.timeout_s)
        except (asyncio.IncompleteReadError, ConnectionError):
            connection.writer.close()
            if kept is None:
                raise
            # the server closed the kept connection as the request went (its keep-alive timeout
            # ran out): the request is asked again on a new connection, as httpx would
            return await self.post_json(path, payload, headers)
        except BaseException:
            connection.writer.close()
            raise
        if reusable and len(self._idle) < self.pool:
            self._idle.append(connection)
        else:
            connection.writer.close()
        return answer

    def _kept(self) -> _Connection | None:
        """An idle connection the server has not closed meanwhile, or None."""
        while self._idle:
            connection = self._idle.pop()
            if not connection.reader.at_eof() and not connection.writer.is_closing():
                return connection
            connection.writer.close()
        return None

    async def _open(self) -> _Connection:
        reader, writer = await asyncio.open_connection(self.host, self.port, limit=MAX_HEAD_BYTES)
        return _Connection(reader, writer)

    async def aclose(self) -> None:
        idle, self._idle = self._idle, []
        for connection in idle:
            connection.writer.close()
        for connection in idle:
            with contextlib.suppress(OSError):
                await connection.writer.wait_closed()


async def _read(reader: asyncio.StreamReader) -> tuple[Answer, bool]:
    """One response, and whether its connection may carry the next request."""
    head = await reader.readuntil(b"\r\n\r\n")
    lines = head.decode("latin-1").split("\r\n")
    version, _, rest = lines[0].partition(" ")
    if not version.startswith("HTTP/1."):
        raise HttpError(f"not an HTTP/1.x status line: {lines[0]!r}")
    status = int(rest.split(" ", 1)[0])
    headers: dict[str, str] = {}
    for line in lines[1:]:
        if line:
            name, _, value = line.partition(":")
            headers[name.strip().lower()] = value.strip()
    if "chunked" in headers.get("transfer-encoding", "").lower():
        body = await _chunked(reader)
    elif "content-length" in headers:
        body = await reader.readexactly(int(headers["content-length"]))
    else:
        raise HttpError(f"a response framed neither by length nor by chunks: {headers}")
    reusable = version == "HTTP/1.1" and headers.get("connection", "").lower() != "close"
    return Answer(status, headers, body), reusable


async def _chunked(reader: asyncio.StreamReader) -> bytes:
    parts: list[bytes] = []
    while True:
        size_line = await reader.readuntil(b"\r\n")
        size = int(size_line.split(b";", 1)[0].strip(), 16)
        if size == 0:
            while (await reader.readuntil(b"\r\n")) != b"\r\n":
                pass  # trailer fields, unused
            return b"".join(parts)
        parts.append(await reader.readexactly(size))
        await reader.readexactly(2)


async def _compare(requests: int) -> tuple[float, float]:
    """Median ms of a JSON POST by httpx and by this client, in turns, to a uvicorn app in this
    process that answers `{}` (so both include the same server's share)."""
    import socket
    import statistics
    import time

    import httpx
    import uvicorn
    from starlette.applications import Starlette
    from starlette.requests import Request
    from starlette.responses import JSONResponse
    from starlette.routing import Route

    async def empty(request: Request) -> JSONResponse:
        await request.body()
        return JSONResponse({})

    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        port = probe.getsockname()[1]
    app = Starlette(routes=[Route("/", empty, methods=["POST"])])
    config = uvicorn.Config(app, host="127.0.0.1", port=port, log_level="error", lifespan="off")
    server = uvicorn.Server(config)
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    ours = KeepAliveClient("127.0.0.1", port)
    times: dict[str, list[float]] = {"httpx": [], "keepalive": []}
    async with httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}") as http:
        for turn in range(requests):
            for name in times:
                started = time.perf_counter()
                if name == "httpx":
                    await http.post("/", json={"query": "{ __typename }"})
                else:
                    await ours.post_json("/", {"query": "{ __typename }"})
                if turn >= requests // 10:  # the first tenth warms up
                    times[name].append((time.perf_counter() - started) * 1000)
    await ours.aclose()
    server.should_exit = True
    await serving
    return statistics.median(times["httpx"]), statistics.median(times["keepalive"])


if __name__ == "__main__":
    import sys

    count = int(sys.argv[1]) if len(sys.argv) > 1 else 3000
    by_httpx, by_ours = asyncio.run(_compare(count))
    print(f"p50 of a POST: httpx {by_httpx:.3f} ms, keepalive {by_ours:.3f} ms")
