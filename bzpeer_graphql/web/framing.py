"""Requests framed two ways at once: `Content-Length` together with `Transfer-Encoding`, the
shape of request smuggling (RFC 9112 6.3: a proxy and this server could disagree on where the
body ends). Refused with 400 and the connection closed, so nothing pipelined behind is read."""

from __future__ import annotations

from starlette.responses import JSONResponse
from starlette.types import ASGIApp, Receive, Scope, Send

from bzpeer_graphql.errors import Code, HttpError
from bzpeer_graphql.web.observe import record_of


class SingleFraming:
    """ASGI middleware refusing a request that carries both framing headers."""

    def __init__(self, app: ASGIApp) -> None:
        self.app = app

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http" or not _framed_twice(scope):
            await self.app(scope, receive, send)
            return
        refused = HttpError(
            400,
            Code.BAD_REQUEST,
            "the request has both Content-Length and Transfer-Encoding; send one",
        )
        record = record_of(scope)
        if record is not None:
            record.codes.append(refused.code)
        # `Connection: close` makes the server close the connection once this answer is sent
        answer = JSONResponse(refused.body(), status_code=400, headers={"Connection": "close"})
        await answer(scope, receive, send)


def _framed_twice(scope: Scope) -> bool:
    names = {name.lower() for name, _ in scope["headers"]}
    return b"content-length" in names and b"transfer-encoding" in names
