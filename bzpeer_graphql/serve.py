"""Running the server: the local Neo4j brought up for a command, the schema migrated and the
seed loaded, then uvicorn with one process or several on one socket."""

from __future__ import annotations

import asyncio
import contextlib
import gc
import os
import signal
import socket
import time
from collections.abc import Awaitable, Callable, Iterator
from typing import Any, TypeVar

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.local import LocalNeo4j
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.ingest.seed import is_empty, load_seed
from bzpeer_graphql.policy.local_redis import LocalRedis, LocalRedisError
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.explorer import Explorer, ensure_built
from bzpeer_graphql.web.observe import configure_logging, metrics_shared

T = TypeVar("T")


class CommandError(RuntimeError):
    """A command failed in a way the user can act on; printed as one line."""


def say(*lines: str) -> None:
    for line in lines:
        print(line, flush=True)


def since(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s"


@contextlib.contextmanager
def database_running(settings: Settings) -> Iterator[None]:
    """Makes sure the database answers: starts the local Neo4j for the command if it is down,
    and stops it again afterwards."""
    if not settings.uses_local_neo4j:
        yield
        return
    local = LocalNeo4j.from_settings(settings)
    if local.status().running:
        yield
        return
    say(f"local Neo4j: {local.start(report=say).uri} (started for this command)")
    try:
        yield
    finally:
        local.stop()
        say("local Neo4j stopped")


#: the variable the workers of `serve` read the shared Redis from
REDIS_URL_VARIABLE = "BZPEER_REDIS_URL"


@contextlib.contextmanager
def shared_state(settings: Settings, workers: int) -> Iterator[None]:
    """Gives several workers one Redis to share rate limits and persisted queries: the one
    configured, else a local redis-server started for the command and stopped after. One
    process keeps them in its own memory."""
    if settings.redis_url or workers <= 1:
        yield
        return
    try:
        local = LocalRedis.start()
    except LocalRedisError as exc:
        raise CommandError(str(exc)) from None
    say(
        f"local Redis: 127.0.0.1:{local.port}, shared by {workers} workers "
        "(started for this command)"
    )
    os.environ[REDIS_URL_VARIABLE] = local.url
    try:
        yield
    finally:
        os.environ.pop(REDIS_URL_VARIABLE, None)
        local.stop()
        say("local Redis stopped")


async def with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    db = Database.from_settings(settings)
    try:
        return await work(db)
    finally:
        await db.close()


async def prepare(settings: Settings, migrate_schema: bool) -> None:
    """Migrates, and loads the seed data into an empty graph when the settings ask for it."""

    async def work(db: Database) -> None:
        if migrate_schema:
            started = time.monotonic()
            count = await migrate(db)
            say(f"schema: {count} constraints and indexes in place ({since(started)})")
        if settings.seeds_empty_database and await is_empty(db):
            say("seed data: loading seed_data/ into the empty database")
            started = time.monotonic()
            summary = await load_seed(db)
            say(f"seed data loaded in {since(started)}:", *summary.lines())

    await with_db(settings, work)


def serve(args: Any, settings: Settings) -> None:
    """Runs the HTTP server; with no NEO4J_URI it starts the local Neo4j and stops it after."""
    try:
        import uvicorn
    except ImportError:
        raise CommandError(
            "serve runs uvicorn, which is not installed: pip install 'bzpeer-graphql[serve]'"
        ) from None

    from bzpeer_graphql.web.app import create_app

    started = time.monotonic()
    ensure_built(Explorer.find(), log=say)
    workers = args.workers or default_workers()
    with database_running(settings), shared_state(settings, workers):
        asyncio.run(prepare(settings, migrate_schema=not args.no_migrate))
        host = args.host or settings.host
        port = args.port or settings.port
        say(
            f"ready after {since(started)}: GraphQL at http://{host}:{port}/graphql, "
            f"explorer at http://{host}:{port}/explorer"
        )
        # uvicorn re-raises SIGTERM once it has shut down; end normally so `finally` runs
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        configure_logging(settings.log_format, args.log_level)
        # no uvicorn logging config: lines go through ours (JSON with request ids, or text)
        options: dict[str, Any] = {
            "host": host,
            "port": port,
            "log_config": None,
            "log_level": args.log_level,
            "access_log": False,
            # the client address is the socket's unless BZPEER_TRUST_FORWARDED_FOR names the
            # proxy (see addresses.client_address); uvicorn must not rewrite it on its own
            "proxy_headers": False,
            "server_header": False,
            "timeout_graceful_shutdown": settings.shutdown_grace_s,
        }
        if workers > 1:
            os.environ[_WORKER_LOG_LEVEL] = args.log_level
            with metrics_shared():
                _serve_workers(workers, options)
        else:
            app = create_app(settings, local_neo4j=True)
            tune_gc(settings)
            uvicorn.run(app, **options)


#: how the parent of `serve --workers` tells its workers the log level it was given
_WORKER_LOG_LEVEL = "BZPEER_WORKER_LOG_LEVEL"


def worker_app() -> Any:
    """The app of one `serve --workers` process, logging as its parent does (JSON or text)."""
    from bzpeer_graphql.web.app import create_app

    settings = Settings.from_env()
    configure_logging(settings.log_format, os.environ.get(_WORKER_LOG_LEVEL, "info"))
    app = create_app(settings, local_neo4j=True, worker_metrics=True)
    tune_gc(settings)
    return app


def tune_gc(settings: Settings) -> None:
    """Garbage collection for a server process: a request allocates tens of thousands of
    objects, and a young-generation collection every 700 of them (Python's default) cost about
    a tenth of the CPU of a coauthors-of-coauthors answer; much higher thresholds let memory
    grow under load (bench/README.md, "Garbage collection in a server process"). What startup
    built is frozen out of every collection."""
    if settings.gc_threshold > 0:
        gc.set_threshold(settings.gc_threshold, *gc.get_threshold()[1:])
    gc.freeze()


def default_workers() -> int:
    """One server process per core this process may run on (bench/README.md, "Processes")."""
    return len(os.sched_getaffinity(0))


def _serve_workers(workers: int, options: dict[str, Any]) -> None:
    """Runs `workers` uvicorn processes on one listening socket, each building its own app."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "bzpeer_graphql.serve:worker_app",
        factory=True,
        workers=workers,
        # a worker still importing on a busy machine misses uvicorn's 5 s ping and is killed
        # and started again, over and over; give it a minute
        timeout_worker_healthcheck=60,
        **options,
    )
    host, port = options["host"], options["port"]
    family = socket.AF_INET6 if ":" in host else socket.AF_INET
    # an explicit IPPROTO_TCP: asyncio only turns Nagle's algorithm off on accepted connections
    # of such sockets, and uvicorn's own socket for workers has proto 0 (40 ms delayed ACKs)
    sock = socket.socket(family, socket.SOCK_STREAM, socket.IPPROTO_TCP)
    sock.setsockopt(socket.SOL_SOCKET, socket.SO_REUSEADDR, 1)
    sock.bind((host, port))
    sock.set_inheritable(True)
    Multiprocess(config, sockets=[sock]).run()


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)
