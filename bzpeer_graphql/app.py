"""The ASGI app: /graphql, /explorer, /healthz, /readyz; the driver opens lazily, closes at exit."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import HTMLResponse, JSONResponse, Response
from starlette.routing import Route
from starlette.types import Receive, Scope, Send
from starlette.websockets import WebSocket
from strawberry.asgi import GraphQL

from bzpeer_graphql.auth import verify
from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.errors import Unauthenticated
from bzpeer_graphql.explorer import Explorer, explorer_routes
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.graphiql import with_examples
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
    """Strawberry's ASGI view with our per-request context and the viewer from the token."""

    def __init__(self, runtime: Runtime) -> None:
        super().__init__(schema)
        self.runtime = runtime

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        """A bad token fails the whole request with 401 before anything runs (RFC 6750)."""
        if scope["type"] == "http":
            header = Request(scope).headers.get("authorization")
            try:
                viewer = verify(header, self.runtime.settings)
            except Unauthenticated as exc:
                await _unauthenticated(str(exc))(scope, receive, send)
                return
            scope.setdefault("state", {})["viewer"] = viewer
        await super().__call__(scope, receive, send)

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

    async def render_graphql_ide(self, request: Request) -> Response:
        """GraphiQL, opening with the example operations instead of Strawberry's welcome text."""
        return HTMLResponse(with_examples(self.graphql_ide_html))


def _unauthenticated(message: str) -> Response:
    body = {
        "data": None,
        "errors": [{"message": message, "extensions": {"code": "UNAUTHENTICATED"}}],
    }
    return JSONResponse(
        body, status_code=401, headers={"WWW-Authenticate": 'Bearer error="invalid_token"'}
    )


def create_app(settings: Settings | None = None) -> Starlette:
    """The ASGI app, ready to serve or to mount inside another Starlette/FastAPI app."""
    runtime = Runtime(settings or Settings.from_env())
    graphql = GraphQLEndpoint(runtime)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        if await runtime.db.ping():
            return JSONResponse({"status": "ready", "neo4j": "up"})
        return JSONResponse({"status": "unavailable", "neo4j": "down"}, status_code=503)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await runtime.close()

    app = Starlette(
        routes=[
            Route("/graphql", graphql, methods=["GET", "POST"]),
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
            *explorer_routes(Explorer.find()),
        ],
        lifespan=lifespan,
    )
    app.state.runtime = runtime
    return app
