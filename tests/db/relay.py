"""A TCP relay between the driver and the real test Neo4j that can fail the way networks do."""

from __future__ import annotations

import asyncio
import contextlib


class Relay:
    """Forwards TCP between the driver and Neo4j; `cut(n)` breaks the next n messages' links,
    `mute()` keeps every link open but passes nothing more to the driver (a peer gone silent,
    as behind a dead route)."""

    def __init__(self, target_host: str, target_port: int) -> None:
        self.target = (target_host, target_port)
        self.to_cut = 0
        self.cuts = 0
        self.muted = False
        self.server: asyncio.Server | None = None

    @property
    def port(self) -> int:
        assert self.server is not None
        port: int = self.server.sockets[0].getsockname()[1]
        return port

    def cut(self, messages: int) -> None:
        self.to_cut = messages

    def mute(self) -> None:
        self.muted = True

    async def start(self) -> None:
        self.server = await asyncio.start_server(self._serve, "127.0.0.1", 0)

    async def stop(self) -> None:
        assert self.server is not None
        self.server.close()
        await self.server.wait_closed()

    async def _serve(
        self, client_in: asyncio.StreamReader, client_out: asyncio.StreamWriter
    ) -> None:
        server_in, server_out = await asyncio.open_connection(*self.target)

        async def upstream() -> None:
            while chunk := await client_in.read(65536):
                if self.to_cut:
                    self.to_cut -= 1
                    self.cuts += 1
                    break
                server_out.write(chunk)
                await server_out.drain()

        async def downstream() -> None:
            while chunk := await server_in.read(65536):
                if self.muted:
                    continue
                client_out.write(chunk)
                await client_out.drain()

        try:
            await asyncio.wait(
                [asyncio.ensure_future(upstream()), asyncio.ensure_future(downstream())],
                return_when=asyncio.FIRST_COMPLETED,
            )
        finally:
            for writer in (client_out, server_out):
                writer.close()
                with contextlib.suppress(ConnectionError):
                    await writer.wait_closed()
