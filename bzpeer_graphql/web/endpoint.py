"""/graphql: Strawberry's ASGI view behind the checks a public endpoint needs.

Before an operation runs: body size, the viewer's token, the client's rate (each operation of
a batch counts), the content type, JSON (shape, nesting, text), the batch size and persisted
queries; after it, the size of the answer. Every refusal is an HTTP status with a GraphQL error
body carrying `extensions.code`, never a stack trace or plain text.
"""

from __future__ import annotations

import inspect
from collections.abc import Awaitable, Callable
from contextvars import ContextVar
from datetime import timedelta
from typing import Any

import orjson
from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import ConnectionRejectionError, MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError
from strawberry.subscriptions import GRAPHQL_TRANSPORT_WS_PROTOCOL
from strawberry.types.unset import UnsetType

from bzpeer_graphql.client import Client
from bzpeer_graphql.context import Context
from bzpeer_graphql.db import bookmarks
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.errors import Code, HttpError, Unauthenticated
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.policy.auth import Viewer, verify
from bzpeer_graphql.policy.persisted import PersistedQueries
from bzpeer_graphql.policy.ratelimit import Limiter, RateLimiter, SharedRateLimiter
from bzpeer_graphql.policy.shared import SharedStore
from bzpeer_graphql.policy.sockets import Sockets
from bzpeer_graphql.web.addresses import client_address
from bzpeer_graphql.web.explorer import Explorer
from bzpeer_graphql.web.graphiql import graphiql_page
from bzpeer_graphql.web.inputs import check_shape, read_body
from bzpeer_graphql.web.live import (
    LimitedTransportWS,
    TextWebSocket,
    admit_socket,
    answer_as_stream,
    ws_authorization,
)
from bzpeer_graphql.web.media import (
    as_graphql_response,
    prefers_event_stream,
    prefers_graphql_response,
)
from bzpeer_graphql.web.observe import record_of

#: the rate-limited client of the request being read (viewer or address)
_client: ContextVar[str] = ContextVar("bzpeer_client", default="unknown")

#: the host app's sign-in: its user of this request as a Viewer, or None (then a token decides)
ViewerHook = Callable[[Request], Viewer | Awaitable[Viewer | None] | None]

#: seconds a WebSocket may stay open before its `connection_init`
CONNECTION_INIT_S = 10

#: what may escape strawberry's parsing of a request when the client sent something odd
_READING_ERRORS = (RecursionError, ValueError, TypeError, KeyError, AttributeError, UnicodeError)


class Runtime:
    """The state of one app: its settings, its client (the database, shared with the host when
    it passed one) and the Redis its processes share (when BZPEER_REDIS_URL names one)."""

    def __init__(
        self,
        client: Client,
        on_fallback: Callable[[str], None] = lambda use: None,
        *,
        owns_client: bool = True,
        viewer: ViewerHook | None = None,
        on_subscriptions: Callable[[int], None] = lambda count: None,
        on_sockets: Callable[[int], None] = lambda count: None,
    ) -> None:
        self.client = client
        self.settings = settings = client.settings
        self.owns_client = owns_client
        self.viewer = viewer
        self.shared = (
            SharedStore(settings.redis_url, settings.redis_timeout_s, on_fallback)
            if settings.redis_url
            else None
        )
        self.hub = client.hub(on_fallback, on_subscriptions)
        self.sockets = Sockets(settings.max_sockets_per_client, self.shared, on_count=on_sockets)

    @property
    def db(self) -> Database:
        return self.client.db

    async def close(self) -> None:
        """Closes what this app opened: its Redis, and its client (with the client's change
        log) unless the host passed it."""
        if self.owns_client:
            await self.client.close()
        if self.shared is not None:
            await self.shared.close()


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's ASGI view with our per-request context, checks and coded refusals."""

    graphql_transport_ws_handler_class = LimitedTransportWS
    websocket_adapter_class = TextWebSocket

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(
            schema,
            # graphql-ws's protocol only: each operation on it counts against the client's rate
            subscription_protocols=(GRAPHQL_TRANSPORT_WS_PROTOCOL,),
            connection_init_wait_timeout=timedelta(seconds=CONNECTION_INIT_S),
            # the hub counts subscriptions per client (coded TOO_MANY_SUBSCRIPTIONS); each
            # operation on a socket takes from the client's rate
            max_subscriptions_per_connection=None,
        )
        self.runtime = runtime
        settings = runtime.settings
        self.persisted = PersistedQueries.from_settings(settings, runtime.shared)
        local = RateLimiter(settings.rate_limit, settings.rate_burst)
        self.limiter: Limiter = (
            local if runtime.shared is None else SharedRateLimiter(local, runtime.shared)
        )
        self.sockets = runtime.sockets

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self._answer(scope, receive)
        except HttpError as refused:
            response = refusal(refused, scope)
        except HTTPException as exc:
            response = refusal(_from_strawberry(exc), scope)
        except _READING_ERRORS as exc:
            # operations run inside graphql-core, which turns their errors into coded results:
            # what escapes to here came from reading the request; its access line says why (a
            # client must not be able to write a traceback into the log)
            record = record_of(scope)
            if record is not None:
                record.refused = f"{type(exc).__name__}: {str(exc)[:200]}"
            response = refusal(
                HttpError(400, Code.BAD_REQUEST, "the request cannot be read"), scope
            )
        if prefers_graphql_response(Request(scope).headers.get("accept")):
            response = as_graphql_response(response)
        await response(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive) -> Response:
        settings = self.runtime.settings
        request = Request(scope)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > settings.max_body_bytes:
            raise _too_large(settings.max_body_bytes)
        missing = self.runtime.client.unavailable_reason()
        if missing is not None:
            raise HttpError(503, Code.SERVICE_UNAVAILABLE, missing)
        viewer = await self.viewer_of(request)
        scope.setdefault("state", {})["viewer"] = viewer
        carried = self._bookmarks(request, viewer.id if viewer else None)
        scope["state"]["bookmarks"] = carried
        address = client_address(request, settings)
        scope["state"]["address"] = address
        client = f"viewer:{viewer.id}" if viewer else f"address:{address}"
        _client.set(client)
        await self.take(client, 1)
        bounded = Request(scope, receive=_bounded(receive, settings.max_body_bytes))
        if prefers_event_stream(request.headers.get("accept")):
            return await answer_as_stream(self, bounded, address)
        answer = await self.run(bounded)
        assert isinstance(answer, Response)
        answer = _within(answer, settings.max_response_bytes)
        if carried is not None and carried.after:
            answer.headers[bookmarks.HEADER] = bookmarks.header_value(carried.after)
        return answer

    def _bookmarks(self, request: Request, viewer_id: str | None) -> bookmarks.Carried | None:
        """The request's bookmarks: those it sent back and its viewer's (None: anonymous and
        none sent, so its reads wait for nothing)."""
        try:
            sent = bookmarks.parse(request.headers.get(bookmarks.HEADER))
        except bookmarks.BookmarkRefused as exc:
            raise HttpError(400, Code.BAD_USER_INPUT, f"{bookmarks.HEADER}: {exc}") from None
        if not sent and viewer_id is None:
            return None
        viewer = self.runtime.db.bookmarks_for(viewer_id) if viewer_id else None
        return bookmarks.Carried(sent, viewer)

    async def viewer_of(self, request: Request) -> Viewer | None:
        """The host's signed-in user (its `viewer` hook), else the one the bearer token names."""
        hook = self.runtime.viewer
        if hook is not None:
            chosen = hook(request)
            if inspect.isawaitable(chosen):
                chosen = await chosen
            if chosen is not None:
                return chosen
        try:
            return verify(request.headers.get("authorization"), self.runtime.settings)
        except Unauthenticated as exc:
            raise HttpError(
                401,
                Code.UNAUTHENTICATED,
                str(exc),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            ) from None

    async def on_ws_connect(self, context: Context) -> UnsetType | dict[str, object] | None:
        """The viewer of a WebSocket (`connection_init`'s `authorization`, or the upgrade's
        header; a bad token closes it, 4403); then the socket is counted (`admit_socket`)."""
        try:
            context.viewer = verify(ws_authorization(context), self.runtime.settings)
        except Unauthenticated as exc:
            problem: dict[str, object] = {"code": Code.UNAUTHENTICATED, "message": str(exc)}
            raise ConnectionRejectionError(problem) from None
        context.socket_lease = await admit_socket(self.limiter, self.sockets, context.client)
        return UnsetType()  # acknowledged without a payload

    async def take(self, client: str, requests: int) -> None:
        """Charges `requests` to the client's rate, or refuses with 429."""
        wait = await self.limiter.take(client, requests)
        if wait:
            raise HttpError(
                429,
                Code.RATE_LIMITED,
                f"too many requests; try again in {wait} s",
                headers={"Retry-After": str(wait)},
                retryAfter=wait,
            )

    def should_render_graphql_ide(self, request: Any) -> bool:
        if request.method != "GET":
            return False
        # a GET with only a persisted query's hash is an operation, not a browser
        has_hash = request.query_params.get("extensions") is not None
        return not has_hash and super().should_render_graphql_ide(request)

    def encode_json(self, data: object) -> bytes:
        """The answer as JSON, by orjson (about fifteen times faster than `json.dumps`)."""
        return orjson.dumps(data)

    def parse_json(self, data: str | bytes) -> Any:
        return read_body(data, self.runtime.settings.max_batch)

    async def parse_http_body(self, request: Any) -> GraphQLRequestData | list[GraphQLRequestData]:
        given = request.content_type or ""
        if request.method == "POST" and given != "application/json":
            content_type, _ = parse_content_type(given)
            if content_type != "application/json":
                raise HttpError(
                    415,
                    Code.UNSUPPORTED_MEDIA_TYPE,
                    f"send the request as application/json, not {content_type or 'no type'}",
                )
        parsed = await super().parse_http_body(request)
        operations = parsed if isinstance(parsed, list) else [parsed]
        for data in operations:
            check_shape(data)
            data.query = await self.persisted.resolve(data.query, data.extensions)
        if len(operations) > 1:
            # each operation of a batch counts against the rate; the request took one already
            await self.take(_client.get(), len(operations) - 1)
        return parsed

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our own GraphiQL build (no CDN), opening with the example operations."""
        return graphiql_page(Explorer.find())

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket | None
    ) -> Context:
        return Context(
            db=self.runtime.db,
            settings=self.runtime.settings,
            request=request,
            response=response,
            debug=request.headers.get("x-bzpeer-debug") == "1",
            viewer=getattr(request.state, "viewer", None),
            bookmarks=getattr(request.state, "bookmarks", None),
            hub=self.runtime.hub,
            # the address `_answer` found (a WebSocket's is found here)
            address=getattr(request.state, "address", None)
            or client_address(request, self.runtime.settings),  # type: ignore[arg-type]
        )


def _within(answer: Response, limit: int) -> Response:
    """The answer, or a RESPONSE_TOO_LARGE error when its body is over `limit` bytes."""
    body = getattr(answer, "body", b"")  # a streamed answer has none: it is never held whole
    if len(body) <= limit:
        return answer
    return refusal(
        HttpError(
            200,
            Code.RESPONSE_TOO_LARGE,
            f"the answer is over {limit} bytes; ask for fewer items or fields",
            maxBytes=limit,
        ),
        None,
    )


def _bounded(receive: Receive, limit: int) -> Receive:
    """`receive` that refuses a body (chunked or not) past `limit` bytes."""
    seen = 0

    async def bounded() -> Message:
        nonlocal seen
        message = await receive()
        if message["type"] == "http.request":
            seen += len(message.get("body", b""))
            if seen > limit:
                raise _too_large(limit)
        return message

    return bounded


def _too_large(limit: int) -> HttpError:
    return HttpError(
        413, Code.REQUEST_TOO_LARGE, f"the request body is over {limit} bytes", maxBytes=limit
    )


def _from_strawberry(exc: HTTPException) -> HttpError:
    """Strawberry's plain-text refusals as coded errors with the right status."""
    cause = exc.__cause__
    if isinstance(cause, InvalidOperationTypeError):
        return HttpError(
            405,
            Code.METHOD_NOT_ALLOWED,
            f"{exc.reason}; send it with POST",
            headers={"Allow": "POST"},
        )
    if isinstance(cause, CannotGetOperationTypeError):
        return HttpError(400, Code.UNKNOWN_OPERATION, exc.reason)
    if isinstance(cause, MissingQueryError):
        return HttpError(400, Code.BAD_REQUEST, "the request holds no GraphQL query")
    if exc.status_code == 405:
        return HttpError(405, Code.METHOD_NOT_ALLOWED, exc.reason, headers={"Allow": "GET, POST"})
    if exc.status_code == 404:
        return HttpError(404, Code.NOT_FOUND, exc.reason)
    return HttpError(exc.status_code, Code.BAD_REQUEST, exc.reason)


def refusal(refused: HttpError, scope: Scope | None) -> Response:
    record = record_of(scope)
    if record is not None:
        record.codes.append(refused.code)
    return JSONResponse(refused.body(), status_code=refused.status, headers=refused.headers)
