"""Subscriptions over the two transports: `graphql-transport-ws` (the `graphql-ws` library's
protocol, on `/graphql` by WebSocket upgrade) and server-sent events (the `graphql-sse`
protocol's distinct connections mode, on `/graphql` with `Accept: text/event-stream`)."""

from __future__ import annotations

import asyncio
import contextlib
from collections.abc import AsyncGenerator, AsyncIterator, Mapping
from typing import Any

import anyio
import orjson
from graphql import GraphQLError
from starlette.requests import Request
from starlette.responses import Response, StreamingResponse
from starlette.websockets import WebSocketDisconnect
from strawberry.asgi import ASGIWebSocketAdapter
from strawberry.http import GraphQLRequestData
from strawberry.http.exceptions import WebSocketDisconnected
from strawberry.http.parse_content_type import parse_content_type
from strawberry.subscriptions.protocols.graphql_transport_ws.handlers import (
    BaseGraphQLTransportWSHandler,
)
from strawberry.subscriptions.protocols.graphql_transport_ws.types import (
    ConnectionInitMessage,
    SubscribeMessage,
)
from strawberry.types import ExecutionResult

from bzpeer_graphql.errors import Code, HttpError
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.live.changes import event_key
from bzpeer_graphql.policy.ratelimit import Limiter
from bzpeer_graphql.policy.sockets import Lease, Sockets
from bzpeer_graphql.web.inputs import check_shape

#: seconds between keep-alive comments on an idle event stream (proxies close silent streams)
KEEP_ALIVE_S = 12.0


class TextWebSocket(ASGIWebSocketAdapter):
    """Sends each message as a text frame (the protocol's), though the view encodes to bytes."""

    async def send_json(self, message: Mapping[str, object]) -> None:
        try:
            await self.ws.send_text(orjson.dumps(message).decode())
        except WebSocketDisconnect as exc:
            raise WebSocketDisconnected from exc


#: the close code of a socket refused by a limit (its reason starts with the error's code)
REFUSED_CLOSE = 4429


class SocketRefused(Exception):
    """A WebSocket past its client's rate or open sockets: closed with REFUSED_CLOSE, the
    reason `<code>: <message>`."""

    def __init__(self, code: Code, message: str) -> None:
        super().__init__(f"{code}: {message}")
        self.code = code


class LimitedTransportWS(BaseGraphQLTransportWSHandler[Any, None]):
    """`graphql-transport-ws` where a socket counts against its client's rate and open
    sockets when it is acknowledged, and each operation it starts against the rate."""

    async def handle_connection_init(self, message: ConnectionInitMessage) -> None:
        try:
            await super().handle_connection_init(message)
        except SocketRefused as refused:
            # a close reason is at most 123 bytes
            await self.websocket.close(code=REFUSED_CLOSE, reason=str(refused)[:123])

    async def shutdown(self) -> None:
        try:
            await super().shutdown()
        finally:
            lease = getattr(self.context, "socket_lease", None)
            if lease is not None:
                self.context.socket_lease = None
                with anyio.CancelScope(shield=True):
                    await self.view.sockets.release(lease)  # type: ignore[attr-defined]

    async def handle_subscribe(self, message: SubscribeMessage) -> None:
        if self.connection_acknowledged and message["id"] not in self.operations:
            wait = await self.view.limiter.take(self.context.client, 1)  # type: ignore[attr-defined]
            if wait:
                error = GraphQLError(
                    f"too many requests; try again in {wait} s",
                    extensions={"code": Code.RATE_LIMITED, "retryAfter": wait},
                )
                await self.send_message(
                    {"id": message["id"], "type": "error", "payload": [error.formatted]}
                )
                return
        await super().handle_subscribe(message)


async def admit_socket(limiter: Limiter, sockets: Sockets, client: str) -> Lease:
    """A new socket of `client` takes one request from its rate and a place among its open
    sockets (its lease), or is refused."""
    wait = await limiter.take(client, 1)
    if wait:
        raise SocketRefused(Code.RATE_LIMITED, f"too many requests; try again in {wait} s")
    lease = await sockets.open(client)
    if lease is None:
        most = sockets.most
        raise SocketRefused(Code.TOO_MANY_SOCKETS, f"at most {most} open sockets per client")
    return lease


def ws_authorization(context: Any) -> str | None:
    """The `Authorization` a WebSocket's client gave: in `connection_init`'s payload (browsers
    cannot set headers on an upgrade), else on the upgrade request."""
    params = context.connection_params or {}
    given = params.get("authorization") or params.get("Authorization")
    if isinstance(given, str):
        return given
    request = context.request
    return request.headers.get("authorization") if request is not None else None


async def answer_as_stream(endpoint: Any, request: Request, address: str) -> Response:
    """An operation (a subscription, or any other) answered as a `graphql-sse` event stream
    (distinct connections mode); the request was checked and counted like any other."""
    if request.method == "POST":
        content_type, _ = parse_content_type(request.headers.get("content-type", ""))
        if content_type != "application/json":
            raise HttpError(415, Code.UNSUPPORTED_MEDIA_TYPE, "send the operation as JSON")
        parsed = endpoint.parse_json(await request.body())
    elif request.method == "GET":
        parsed = {name: request.query_params[name] for name in ("query", "operationName")}
        for name in ("variables", "extensions"):
            if name in request.query_params:
                parsed[name] = endpoint.parse_json(request.query_params[name])
    else:
        raise HttpError(405, Code.METHOD_NOT_ALLOWED, "use POST", headers={"Allow": "GET, POST"})
    if not isinstance(parsed, dict):
        raise HttpError(400, Code.BAD_REQUEST, "an event stream carries one operation")
    data = GraphQLRequestData(
        query=parsed.get("query"),
        variables=parsed.get("variables"),
        operation_name=parsed.get("operationName"),
        extensions=parsed.get("extensions"),
    )
    check_shape(data)
    query = await endpoint.persisted.resolve(data.query, data.extensions)
    if not query:
        raise HttpError(400, Code.BAD_REQUEST, "the request holds no GraphQL query")
    context = await endpoint.get_context(request, None)
    context.address = address
    context.resume_after = resumed_after(request)
    source = await schema.stream(query, data.variables, context, operation_name=data.operation_name)
    return event_stream(source, context)


def resumed_after(request: Request) -> str | None:
    """The `Last-Event-ID` a reconnecting event-stream client sent (the SSE standard's), checked
    to be an event id of this API; None when it sent none."""
    given = request.headers.get("last-event-id", "").strip()
    if not given:
        return None
    if event_key(given) is None:
        raise HttpError(
            400,
            Code.BAD_USER_INPUT,
            "Last-Event-ID must be an event id this API sent (`<milliseconds>-<sequence>`)",
        )
    return given


def formatted(result: Any) -> dict[str, Any]:
    """One result of a streamed operation as the JSON a client reads."""
    if isinstance(result, ExecutionResult):
        answer: dict[str, Any] = {"data": result.data}
        if result.errors:
            answer["errors"] = [error.formatted for error in result.errors]
        if result.extensions:
            answer["extensions"] = result.extensions
        return answer
    return dict(result.formatted)  # a part of an incremental (`@defer`, `@stream`) result


def event_stream(source: AsyncGenerator[Any], context: Any = None) -> StreamingResponse:
    """The results of `source` as a `graphql-sse` event stream: `next` events, then
    `complete`; a comment every KEEP_ALIVE_S while nothing happens. A subscription's event
    carries the change's event id as its `id:`, which a reconnecting client sends back as
    `Last-Event-ID`."""
    return StreamingResponse(
        _events(source, context),
        media_type="text/event-stream",
        headers={"Cache-Control": "no-cache", "X-Accel-Buffering": "no"},
    )


async def _events(source: AsyncGenerator[Any], context: Any) -> AsyncIterator[bytes]:
    coming: asyncio.Future[Any] = asyncio.ensure_future(anext(source))
    sent_id: str | None = None
    try:
        while True:
            done, _ = await asyncio.wait({coming}, timeout=KEEP_ALIVE_S)
            if not done:
                yield b":\n\n"
                continue
            try:
                result = coming.result()
            except StopAsyncIteration:
                break
            event_id = getattr(context, "event_id", None)
            line = b""
            if event_id is not None and event_id != sent_id:
                line, sent_id = f"id: {event_id}\n".encode(), event_id
            yield line + b"event: next\ndata: " + orjson.dumps(formatted(result)) + b"\n\n"
            coming = asyncio.ensure_future(anext(source))
        yield b"event: complete\ndata:\n\n"
    finally:
        # the client may have gone: the subscription ends here, whatever cancels the stream
        with anyio.CancelScope(shield=True):
            coming.cancel()
            with contextlib.suppress(BaseException):
                await coming
            await source.aclose()
