"""/graphql: Strawberry's ASGI view behind the checks a public endpoint needs.

Before an operation runs: body size, the viewer's token, the client's rate, the content type,
JSON, the batch size and persisted queries. Every refusal is an HTTP status with a GraphQL error
body carrying `extensions.code`, never a stack trace or plain text.
"""

from __future__ import annotations

import json
from typing import Any

from cross_web import HTTPException
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.types import Message, Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL
from strawberry.exceptions import MissingQueryError
from strawberry.http import GraphQLRequestData
from strawberry.http.parse_content_type import parse_content_type
from strawberry.schema.exceptions import CannotGetOperationTypeError, InvalidOperationTypeError

from bzpeer_graphql.auth import verify
from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.errors import HttpError, Unauthenticated
from bzpeer_graphql.explorer import Explorer
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.graphiql import graphiql_page
from bzpeer_graphql.observe import record_of
from bzpeer_graphql.persisted import PersistedQueries
from bzpeer_graphql.ratelimit import RateLimiter
from bzpeer_graphql.settings import Settings


class Runtime:
    """The process-wide state of one app: its settings and its database (made on first use)."""

    def __init__(self, settings: Settings) -> None:
        self.settings = settings
        self._db: Database | None = None

    @property
    def db(self) -> Database:
        if self._db is None:
            self._db = Database.from_settings(self.settings)
        return self._db

    async def close(self) -> None:
        if self._db is not None:
            await self._db.close()
            self._db = None


class GraphQLEndpoint(GraphQL[Context, None]):
    """Strawberry's ASGI view with our per-request context, checks and coded refusals."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(schema)
        self.runtime = runtime
        settings = runtime.settings
        self.persisted = PersistedQueries.from_settings(settings)
        self.limiter = RateLimiter(settings.rate_limit, settings.rate_burst)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if scope["type"] != "http":
            await super().__call__(scope, receive, send)
            return
        try:
            response = await self._answer(scope, receive)
        except HttpError as refused:
            response = _refusal(refused, scope)
        except HTTPException as exc:
            response = _refusal(_from_strawberry(exc), scope)
        await response(scope, receive, send)

    async def _answer(self, scope: Scope, receive: Receive) -> Response:
        settings = self.runtime.settings
        request = Request(scope)
        length = request.headers.get("content-length", "")
        if length.isdigit() and int(length) > settings.max_body_bytes:
            raise _too_large(settings.max_body_bytes)
        try:
            viewer = verify(request.headers.get("authorization"), settings)
        except Unauthenticated as exc:
            # RFC 6750: a bad token fails the whole request before anything runs
            raise HttpError(
                401,
                "UNAUTHENTICATED",
                str(exc),
                headers={"WWW-Authenticate": 'Bearer error="invalid_token"'},
            ) from None
        scope.setdefault("state", {})["viewer"] = viewer
        client = f"viewer:{viewer.id}" if viewer else f"address:{self._address(request)}"
        wait = self.limiter.wait(client)
        if wait:
            raise HttpError(
                429,
                "RATE_LIMITED",
                f"too many requests; try again in {wait} s",
                headers={"Retry-After": str(wait)},
                retryAfter=wait,
            )
        bounded = Request(scope, receive=_bounded(receive, settings.max_body_bytes))
        answer = await self.run(bounded)
        assert isinstance(answer, Response)
        return answer

    def _address(self, request: Request) -> str:
        if self.runtime.settings.trust_forwarded_for:
            forwarded = request.headers.get("x-forwarded-for", "")
            first = forwarded.split(",")[0].strip()
            if first:
                return first
        return request.client.host if request.client else "unknown"

    def should_render_graphql_ide(self, request: Any) -> bool:
        # a GET with only a persisted query's hash is an operation, not a browser
        has_hash = request.query_params.get("extensions") is not None
        return not has_hash and super().should_render_graphql_ide(request)

    def parse_json(self, data: str | bytes) -> Any:
        try:
            parsed = json.loads(data)
        except json.JSONDecodeError as exc:
            raise HttpError(
                400,
                "INVALID_JSON",
                f"malformed JSON in the request ({exc.msg}, character {exc.pos})",
            ) from None
        if isinstance(parsed, list):
            cap = self.runtime.settings.max_batch
            if not parsed or len(parsed) > cap:
                raise HttpError(
                    400,
                    "BATCH_TOO_LARGE" if parsed else "BAD_REQUEST",
                    f"a batched request holds 1 to {cap} operations, not {len(parsed)}",
                    operations=len(parsed),
                    maxBatch=cap,
                )
        return parsed

    async def parse_http_body(self, request: Any) -> GraphQLRequestData | list[GraphQLRequestData]:
        if request.method == "POST":
            content_type, _ = parse_content_type(request.content_type or "")
            if content_type != "application/json":
                raise HttpError(
                    415,
                    "UNSUPPORTED_MEDIA_TYPE",
                    f"send the request as application/json, not {content_type or 'no type'}",
                )
        parsed = await super().parse_http_body(request)
        for data in parsed if isinstance(parsed, list) else [parsed]:
            data.query = self.persisted.resolve(data.query, data.extensions)
        return parsed

    async def render_graphql_ide(self, request: Request) -> Response:
        """Our own GraphiQL build (no CDN), opening with the example operations."""
        return graphiql_page(Explorer.find())

    async def get_context(
        self, request: Request | WebSocket, response: Response | WebSocket
    ) -> Context:
        return Context(
            db=self.runtime.db,
            settings=self.runtime.settings,
            request=request,
            response=response,
            debug=request.headers.get("x-bzpeer-debug") == "1",
            viewer=getattr(request.state, "viewer", None),
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
        413, "REQUEST_TOO_LARGE", f"the request body is over {limit} bytes", maxBytes=limit
    )


def _from_strawberry(exc: HTTPException) -> HttpError:
    """Strawberry's plain-text refusals as coded errors with the right status."""
    cause = exc.__cause__
    if isinstance(cause, InvalidOperationTypeError):
        return HttpError(
            405,
            "METHOD_NOT_ALLOWED",
            f"{exc.reason}; send it with POST",
            headers={"Allow": "POST"},
        )
    if isinstance(cause, CannotGetOperationTypeError):
        return HttpError(400, "UNKNOWN_OPERATION", exc.reason)
    if isinstance(cause, MissingQueryError):
        return HttpError(400, "BAD_REQUEST", "the request holds no GraphQL query")
    if exc.status_code == 405:
        return HttpError(405, "METHOD_NOT_ALLOWED", exc.reason, headers={"Allow": "GET, POST"})
    if exc.status_code == 404:
        return HttpError(404, "NOT_FOUND", exc.reason)
    return HttpError(exc.status_code, "BAD_REQUEST", exc.reason)


def _refusal(refused: HttpError, scope: Scope) -> Response:
    record = record_of(scope)
    if record is not None:
        record.codes.append(refused.code)
    return JSONResponse(refused.body(), status_code=refused.status, headers=refused.headers)
