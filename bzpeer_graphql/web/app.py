"""The ASGI app: /graphql, /export, /explorer, /healthz, /readyz, /metrics, open to pages on other
origins as BZPEER_CORS_* say; the driver opens lazily and closes on shutdown, after the
requests in flight have finished."""

from __future__ import annotations

import contextlib
import logging
from collections.abc import AsyncIterator

from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import Route

from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.cors import Cors, CorsPolicy
from bzpeer_graphql.web.endpoint import GraphQLEndpoint, Runtime
from bzpeer_graphql.web.explorer import Explorer, explorer_routes
from bzpeer_graphql.web.export import export_routes
from bzpeer_graphql.web.framing import SingleFraming
from bzpeer_graphql.web.headers import SecurityHeaders
from bzpeer_graphql.web.observe import METRICS_CONTENT_TYPE, Metrics, Observed

log = logging.getLogger("bzpeer_graphql.web.app")


def create_app(settings: Settings | None = None) -> Starlette:
    """The ASGI app, ready to serve or to mount inside another Starlette/FastAPI app."""
    metrics = Metrics()
    settings = settings or Settings.from_env()
    runtime = Runtime(settings, metrics.redis_fallback)
    graphql = GraphQLEndpoint(runtime)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        if await runtime.db.ping():
            return JSONResponse({"status": "ready", "neo4j": "up"})
        return JSONResponse({"status": "unavailable", "neo4j": "down"}, status_code=503)

    async def prometheus(request: Request) -> Response:
        return Response(metrics.exposition(), media_type=METRICS_CONTENT_TYPE)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        yield
        await runtime.close()
        log.info("Neo4j driver closed")

    routes = [
        # every method reaches the endpoint, so a PUT gets a coded 405 like any other refusal
        Route("/graphql", graphql),
        Route("/healthz", healthz, methods=["GET"]),
        Route("/readyz", readyz, methods=["GET"]),
        Route("/metrics", prometheus, methods=["GET"]),
        *export_routes(graphql),
        *explorer_routes(Explorer.find()),
    ]
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.runtime = runtime
    # innermost, so that preflights are logged and counted and every answer carries its headers
    app.add_middleware(Cors, policy=CorsPolicy.from_settings(settings))
    app.add_middleware(SingleFraming)
    app.add_middleware(
        Observed, metrics=metrics, known_paths=frozenset(getattr(r, "path", "") for r in routes)
    )
    app.add_middleware(SecurityHeaders)
    return app
