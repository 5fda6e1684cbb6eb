"""The ASGI app: /graphql, /export, /explorer, /healthz, /readyz, /metrics, open to pages on other
origins as BZPEER_CORS_* say; the driver opens lazily and closes on shutdown, after the
requests in flight have finished."""

from __future__ import annotations

import contextlib
from collections.abc import AsyncIterator

from prometheus_client import CollectorRegistry
from starlette.applications import Starlette
from starlette.requests import Request
from starlette.responses import JSONResponse, Response
from starlette.routing import BaseRoute, Route, WebSocketRoute

from bzpeer_graphql.client import Client
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.cors import Cors, CorsPolicy
from bzpeer_graphql.web.endpoint import GraphQLEndpoint, Runtime, ViewerHook
from bzpeer_graphql.web.explorer import Explorer, explorer_routes
from bzpeer_graphql.web.export import export_routes
from bzpeer_graphql.web.framing import SingleFraming
from bzpeer_graphql.web.headers import SecurityHeaders
from bzpeer_graphql.web.observe import METRICS_CONTENT_TYPE, Metrics, Observed


def create_app(
    settings: Settings | None = None,
    *,
    client: Client | None = None,
    viewer: ViewerHook | None = None,
    health: bool = True,
    metrics: bool = True,
    metrics_registry: CollectorRegistry | None = None,
    security_headers: bool = True,
    local_neo4j: bool = False,
    worker_metrics: bool = False,
) -> Starlette:
    """The ASGI app, ready to serve or to mount inside another Starlette/FastAPI app.

    `client`: the connection to share with the host (the host closes it, e.g. through
    `client.lifespan`); without one the app makes its own from `settings` (the environment when
    none, never a `.env` file) and closes it in its own lifespan. `viewer(request)`: the host's
    signed-in user, asked before any bearer token. `health`, `metrics`: whether /healthz,
    /readyz and /metrics exist. `metrics_registry`: the Prometheus registry to count in (the
    app's own when none). `security_headers`: whether every answer gets the headers of
    `web.headers` (framing forbidden among them). `local_neo4j`: use the project's local Neo4j
    when no NEO4J_URI is set. `worker_metrics`: /metrics sums the processes of `serve --workers`.
    """
    if client is not None and settings is not None and client.settings != settings:
        raise ValueError("pass settings or a client, not both: the client carries its settings")
    owns_client = client is None
    if client is None:
        client = Client(settings, local_neo4j=local_neo4j)
    settings = client.settings
    counted = Metrics(metrics_registry, across_processes=worker_metrics)
    runtime = Runtime(
        client,
        counted.redis_fallback,
        owns_client=owns_client,
        viewer=viewer,
        on_subscriptions=counted.subscriptions.set,
        on_sockets=counted.sockets.set,
    )
    graphql = GraphQLEndpoint(runtime)

    async def healthz(request: Request) -> Response:
        return JSONResponse({"status": "ok"})

    async def readyz(request: Request) -> Response:
        missing = client.unavailable_reason()
        if missing is not None:
            body = {"status": "unavailable", "neo4j": "not configured", "reason": missing}
            return JSONResponse(body, status_code=503)
        if await runtime.db.ping():
            return JSONResponse({"status": "ready", "neo4j": "up"})
        return JSONResponse({"status": "unavailable", "neo4j": "down"}, status_code=503)

    async def prometheus(request: Request) -> Response:
        return Response(counted.exposition(), media_type=METRICS_CONTENT_TYPE)

    @contextlib.asynccontextmanager
    async def lifespan(app: Starlette) -> AsyncIterator[None]:
        # a mounted app's lifespan never runs: a host closes its client through client.lifespan
        yield
        await runtime.close()

    routes: list[BaseRoute] = [
        # every method reaches the endpoint, so a PUT gets a coded 405 like any other refusal
        Route("/graphql", graphql),
        # subscriptions over graphql-ws's protocol (docs/live.md)
        WebSocketRoute("/graphql", graphql),
        *export_routes(graphql),
        *explorer_routes(Explorer.find()),
    ]
    if health:
        routes += [
            Route("/healthz", healthz, methods=["GET"]),
            Route("/readyz", readyz, methods=["GET"]),
        ]
    if metrics:
        routes.append(Route("/metrics", prometheus, methods=["GET"]))
    app = Starlette(routes=routes, lifespan=lifespan)
    app.state.runtime = runtime
    app.state.client = client
    # innermost, so that preflights are logged and counted and every answer carries its headers
    app.add_middleware(Cors, policy=CorsPolicy.from_settings(settings))
    app.add_middleware(SingleFraming)
    app.add_middleware(
        Observed, metrics=counted, known_paths=frozenset(getattr(r, "path", "") for r in routes)
    )
    if security_headers:
        app.add_middleware(SecurityHeaders)
    return app
