"""The `bzpeer-graphql` command: serve, neo4j, explorer, migrate, load, generate, export-schema,
token, persist, check."""

from __future__ import annotations

import argparse
import asyncio
import contextlib
import gc
import json
import os
import signal
import socket
import sys
import time
from collections.abc import Awaitable, Callable, Iterator, Sequence
from pathlib import Path
from typing import Any, TypeVar

from graphql import GraphQLError, parse
from neo4j.exceptions import Neo4jError

from bzpeer_graphql.db import shared_papers
from bzpeer_graphql.db.database import Database, QueryTimedOut
from bzpeer_graphql.db.local import LocalNeo4j, LocalNeo4jError
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.explorer import Explorer, ExplorerBuildError, ensure_built
from bzpeer_graphql.ingest import synthetic, synthetic_openalex
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader, LoadError, LoadSummary, Source
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.ingest.seed import is_empty, load_seed
from bzpeer_graphql.ingest.snapshot import OpenAlexFile, OpenAlexSnapshot
from bzpeer_graphql.observe import configure_logging, metrics_shared
from bzpeer_graphql.persisted import manifest
from bzpeer_graphql.settings import Settings, SettingsError

T = TypeVar("T")


class CommandError(RuntimeError):
    """A command failed in a way the user can act on; printed as one line."""


def _print(*lines: str) -> None:
    for line in lines:
        print(line, flush=True)


def _since(started: float) -> str:
    return f"{time.monotonic() - started:.1f} s"


@contextlib.contextmanager
def _database_running(settings: Settings) -> Iterator[None]:
    """Makes sure the database answers: starts the local Neo4j for the command if it is down,
    and stops it again afterwards."""
    if not settings.uses_local_neo4j:
        yield
        return
    local = LocalNeo4j.from_settings(settings)
    if local.status().running:
        yield
        return
    _print(f"local Neo4j: {local.start(report=_print).uri} (started for this command)")
    try:
        yield
    finally:
        local.stop()
        _print("local Neo4j stopped")


async def _with_db(settings: Settings, work: Callable[[Database], Awaitable[T]]) -> T:
    db = Database.from_settings(settings)
    try:
        return await work(db)
    finally:
        await db.close()


async def _prepare(settings: Settings, migrate_schema: bool) -> None:
    """Migrates, and loads the seed data into an empty graph when the settings ask for it."""

    async def work(db: Database) -> None:
        if migrate_schema:
            started = time.monotonic()
            count = await migrate(db)
            _print(f"schema: {count} constraints and indexes in place ({_since(started)})")
        if settings.seeds_empty_database and await is_empty(db):
            _print("seed data: loading seed_data/ into the empty database")
            started = time.monotonic()
            summary = await load_seed(db)
            _print(f"seed data loaded in {_since(started)}:", *summary.lines())

    await _with_db(settings, work)


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    """Runs the HTTP server; with no NEO4J_URI it starts the local Neo4j and stops it after."""
    import uvicorn

    from bzpeer_graphql.app import create_app

    started = time.monotonic()
    ensure_built(Explorer.find(), log=_print)
    with _database_running(settings):
        asyncio.run(_prepare(settings, migrate_schema=not args.no_migrate))
        host = args.host or settings.host
        port = args.port or settings.port
        _print(
            f"ready after {_since(started)}: GraphQL at http://{host}:{port}/graphql, "
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
            # proxy (see endpoint.client_address); uvicorn must not rewrite it on its own
            "proxy_headers": False,
            "server_header": False,
            "timeout_graceful_shutdown": settings.shutdown_grace_s,
        }
        workers = args.workers or default_workers()
        if workers > 1:
            os.environ[_WORKER_LOG_LEVEL] = args.log_level
            with metrics_shared():
                _serve_workers(workers, options)
        else:
            app = create_app(settings)
            tune_gc(settings)
            uvicorn.run(app, **options)


#: how the parent of `serve --workers` tells its workers the log level it was given
_WORKER_LOG_LEVEL = "BZPEER_WORKER_LOG_LEVEL"


def worker_app() -> Any:
    """The app of one `serve --workers` process, logging as its parent does (JSON or text)."""
    from bzpeer_graphql.app import create_app

    settings = Settings.from_env()
    configure_logging(settings.log_format, os.environ.get(_WORKER_LOG_LEVEL, "info"))
    app = create_app(settings)
    tune_gc(settings)
    return app


def tune_gc(settings: Settings) -> None:
    """Garbage collection for a server process: a request allocates tens of thousands of
    objects, and a young-generation collection every 700 of them (Python's default) cost about
    a tenth of the CPU of a coauthors-of-coauthors answer; much higher thresholds let memory
    grow under load (README, "Garbage collection in a server process"). What startup built is
    frozen out of every collection."""
    if settings.gc_threshold > 0:
        gc.set_threshold(settings.gc_threshold, *gc.get_threshold()[1:])
    gc.freeze()


def default_workers() -> int:
    """One server process per core this process may run on (measured: README, "Processes")."""
    return len(os.sched_getaffinity(0))


def _serve_workers(workers: int, options: dict[str, Any]) -> None:
    """Runs `workers` uvicorn processes on one listening socket, each building its own app."""
    import uvicorn
    from uvicorn.supervisors import Multiprocess

    config = uvicorn.Config(
        "bzpeer_graphql.cli:worker_app",
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


def cmd_neo4j(args: argparse.Namespace, settings: Settings) -> None:
    """Starts, stops, installs or reports on the local Neo4j."""
    local = LocalNeo4j.from_settings(settings)
    if args.action == "install":
        classpath = local.install(log=_print)
        _print(
            f"Neo4j {local.status().version} ready: {len(classpath) - 1} jars in {local.cache_dir}"
        )
    elif args.action == "start":
        status = local.start(report=_print)
        _print(f"Neo4j running at {status.uri}")
    elif args.action == "stop":
        _print("Neo4j stopped" if local.stop() else "Neo4j was not running")
    else:
        _print(*local.status().lines())


def cmd_explorer(args: argparse.Namespace, settings: Settings) -> None:
    """Builds the /explorer page (npm ci and the bundler) or says whether it is built."""
    explorer = Explorer.find()
    if args.action == "status":
        if explorer.is_current():
            _print(f"explorer: built and current in {explorer.dist}")
        elif explorer.page() is not None:
            _print(
                f"explorer: built in {explorer.dist}, older than its sources (serve rebuilds it)"
            )
        else:
            _print(f"explorer: not built. {explorer.missing_reason()}")
        return
    try:
        built = explorer.build(force=args.force, log=_print)
    except ExplorerBuildError as exc:
        raise CommandError(str(exc)) from None
    _print(f"explorer: {'built' if built else 'already current'} in {explorer.dist}")


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> None:
    """Applies the constraints and indexes of cypher/schema/ (idempotent)."""
    with _database_running(settings):
        count = asyncio.run(_with_db(settings, migrate))
    _print(f"schema: {count} constraints and indexes in place")


def cmd_check(args: argparse.Namespace, settings: Settings) -> None:
    """Compares COAUTHOR (coauthors), RELATED (related) or WORKS_ON (works-on) with the
    papers; exits 1 on any difference."""
    kept = shared_papers.KEPT[args.what]
    with _database_running(settings):
        found = asyncio.run(
            _with_db(settings, lambda db: shared_papers.differences(db, kept, args.show))
        )
    if found.count:
        _print(*found.lines())
        raise CommandError(f"{kept.name}: {found.count} pair(s) differ from the papers")
    _print(f"{kept.name}: {kept.relationship} agrees with the papers")


def cmd_load(args: argparse.Namespace, settings: Settings) -> None:
    """Loads a bzpeer or OpenAlex JSONL file (plain or .gz) into the graph, idempotently."""
    source = _source(args)

    async def work(db: Database) -> LoadSummary:
        await migrate(db)
        loader = Loader(
            db, batch_size=args.batch_size, on_error=args.on_error, progress=ProgressReporter()
        )
        return await loader.load(source)

    with _database_running(settings):
        try:
            summary = asyncio.run(_with_db(settings, work))
        except LoadError as exc:
            for error in exc.errors[:50]:
                print(f"bad record: {error}", file=sys.stderr)
            raise CommandError(str(exc)) from None
        except (QueryTimedOut, Neo4jError) as exc:
            if not isinstance(exc, QueryTimedOut) and "TransactionTimedOut" not in (exc.code or ""):
                raise
            raise CommandError(
                f"a transaction ran past BZPEER_QUERY_TIMEOUT ({settings.query_timeout_s:g} s);"
                " the batches committed before it stay, and loading the file again is safe"
                " (every batch is idempotent). Raise BZPEER_QUERY_TIMEOUT (before the local"
                " Neo4j starts) or lower --batch-size"
            ) from None
    for error in summary.errors[:50]:
        print(f"skipped: {error}", file=sys.stderr)
    _print(*summary.lines())


def cmd_generate(args: argparse.Namespace, settings: Settings) -> None:
    """Writes a synthetic research graph in the bzpeer or OpenAlex format (same seed, same file)."""
    if args.papers < 1:
        raise CommandError("--papers must be at least 1")
    if args.plant_duplicates < 0:
        raise CommandError("--plant-duplicates must not be negative")
    if args.plant_duplicates and not args.truth:
        raise CommandError("--plant-duplicates needs --truth, the file the planted truth goes to")
    if args.plant_duplicates:
        from bzpeer_graphql.ingest.planted import write_planted

        counts, truth = write_planted(Path(args.out), args.papers, args.seed, args.plant_duplicates)
        Path(args.truth).write_text(json.dumps(truth.as_json(), indent=1) + "\n")
    else:
        writer = synthetic_openalex.write if args.format == "openalex" else synthetic.write
        counts = writer(Path(args.out), args.papers, args.seed)
    _print(f"wrote {args.out}: " + ", ".join(f"{n} {kind}s" for kind, n in counts.items()))


def _source(args: argparse.Namespace) -> Source:
    path = Path(args.path)
    if args.format == "openalex" and path.is_dir():
        return OpenAlexSnapshot(path)
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    if args.format == "openalex":
        merged = Path(args.merged_ids) if args.merged_ids else None
        return OpenAlexFile(path, merged_ids=merged, entity=args.entity)
    return BzpeerFile(path)


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> None:
    """Prints the GraphQL schema as SDL."""
    from bzpeer_graphql.graph.schema import sdl

    sys.stdout.write(sdl())


def cmd_token(args: argparse.Namespace, settings: Settings) -> None:
    """Mints a viewer token for local use and prints it alone on the last line."""
    from bzpeer_graphql.auth import mint
    from bzpeer_graphql.errors import Unauthenticated

    if args.ttl < 1:
        raise CommandError("--ttl must be at least 1 second")
    private_key = Path(args.private_key).read_text() if args.private_key else None
    try:
        token = mint(
            settings,
            args.user,
            args.handle,
            orcid=args.orcid,
            roles=tuple(args.role or ()),
            ttl_s=args.ttl,
            private_key=private_key,
        )
    except Unauthenticated as exc:
        raise CommandError(str(exc)) from None
    orcid = f", orcid {args.orcid}" if args.orcid else ""
    print(
        f"token for {args.user} ({args.handle}{orcid}), valid {args.ttl} s; "
        "send it as `Authorization: Bearer <token>`:",
        file=sys.stderr,
    )
    _print(token)


def cmd_persist(args: argparse.Namespace, settings: Settings) -> None:
    """Prints the persisted-query manifest of .graphql files, for BZPEER_PERSISTED_MANIFEST."""
    documents: dict[str, str] = {}
    for name in args.files:
        path = Path(name)
        try:
            text = path.read_text()
            parse(text)
        except OSError as exc:
            raise CommandError(f"{name}: {exc.strerror}") from None
        except GraphQLError as exc:
            raise CommandError(f"{name}: {exc.message}") from None
        documents[path.stem] = text
    _print(json.dumps(manifest(documents), indent=2))


def build_parser() -> argparse.ArgumentParser:
    parser = argparse.ArgumentParser(
        prog="bzpeer-graphql",
        description="GraphQL server for research graphs in Neo4j. Settings come from the "
        "environment and a .env file (NEO4J_URI unset = the project's local Neo4j).",
    )
    commands = parser.add_subparsers(dest="command", required=True)

    serve = commands.add_parser("serve", help=cmd_serve.__doc__)
    serve.add_argument("--host", help="bind address (default BZPEER_HOST or 127.0.0.1)")
    serve.add_argument("--port", type=int, help="port (default BZPEER_PORT or 8000)")
    serve.add_argument("--no-migrate", action="store_true", help="do not apply cypher/schema/")
    serve.add_argument("--log-level", default="info", help="uvicorn log level")
    serve.add_argument(
        "--workers", type=int, help="server processes (default: one per core available)"
    )
    serve.set_defaults(run=cmd_serve)

    neo4j = commands.add_parser("neo4j", help=cmd_neo4j.__doc__)
    neo4j.add_argument("action", choices=["start", "stop", "status", "install"])
    neo4j.set_defaults(run=cmd_neo4j)

    explorer = commands.add_parser("explorer", help=cmd_explorer.__doc__)
    explorer.add_argument("action", choices=["build", "status"])
    explorer.add_argument("--force", action="store_true", help="build even when current")
    explorer.set_defaults(run=cmd_explorer)

    commands.add_parser("migrate", help=cmd_migrate.__doc__).set_defaults(run=cmd_migrate)

    check = commands.add_parser("check", help=cmd_check.__doc__)
    check.add_argument("what", choices=sorted(shared_papers.KEPT))
    check.add_argument("--show", type=int, default=20, help="differences listed (default 20)")
    check.set_defaults(run=cmd_check)

    load = commands.add_parser("load", help=cmd_load.__doc__)
    load.add_argument(
        "path",
        help="the file to load (.jsonl or .jsonl.gz), or with --format openalex a snapshot "
        "directory (data/<entity>/updated_date=*/part_*.gz; resumable)",
    )
    load.add_argument("--format", choices=["bzpeer", "openalex"], default="bzpeer")
    load.add_argument(
        "--on-error",
        choices=["fail", "skip"],
        default="fail",
        help="a bad record fails the run before anything is written (default), "
        "or is reported and skipped",
    )
    load.add_argument("--batch-size", type=int, default=1000, help="records per transaction")
    load.add_argument("--merged-ids", help="openalex file: the snapshot's merged_ids/ folder")
    load.add_argument(
        "--entity",
        choices=["works", "authors", "institutions"],
        default="works",
        help="openalex file: what its records are (default works)",
    )
    load.set_defaults(run=cmd_load)

    generate = commands.add_parser("generate", help=cmd_generate.__doc__)
    generate.add_argument("--papers", type=int, required=True, help="how many papers")
    generate.add_argument("--seed", type=int, default=1, help="random seed (default 1)")
    generate.add_argument("--out", required=True, help="output file (.jsonl or .jsonl.gz)")
    generate.add_argument(
        "--format",
        choices=["bzpeer", "openalex"],
        default="bzpeer",
        help="bzpeer records, or OpenAlex works (load with --format openalex)",
    )
    generate.add_argument(
        "--plant-duplicates",
        type=int,
        default=0,
        metavar="N",
        help="plant N duplicate records, N namesake pairs and N/2 mixed records (same seed, "
        "same plants)",
    )
    generate.add_argument("--truth", help="with --plant-duplicates: where the truth (JSON) goes")
    generate.set_defaults(run=cmd_generate)
    commands.add_parser("export-schema", help=cmd_export_schema.__doc__).set_defaults(
        run=cmd_export_schema
    )

    token = commands.add_parser("token", help=cmd_token.__doc__)
    token.add_argument("--user", required=True, help="the user id (the token's `sub`)")
    token.add_argument("--handle", required=True, help="the user's display handle")
    token.add_argument("--ttl", type=int, default=86400, help="seconds it stays valid (1 day)")
    token.add_argument(
        "--orcid", help="an ORCID iD as the identity provider would vouch for it (local use)"
    )
    token.add_argument(
        "--role",
        action="append",
        help="a role to put in the token's `roles` claim, e.g. curator (may merge/split any)",
    )
    token.add_argument("--private-key", help="RS256: the PEM file of the private key")
    token.set_defaults(run=cmd_token)

    persist = commands.add_parser("persist", help=cmd_persist.__doc__)
    persist.add_argument("files", nargs="+", help="GraphQL documents, one registered entry each")
    persist.set_defaults(run=cmd_persist)
    return parser


def main(argv: Sequence[str] | None = None) -> int:
    """Entry point of the console script; returns the exit code."""
    args = build_parser().parse_args(argv)
    run: Callable[[argparse.Namespace, Settings], None] = args.run
    try:
        run(args, Settings.from_env())
    except (LocalNeo4jError, SettingsError, CommandError) as exc:
        print(f"bzpeer-graphql: {exc}", file=sys.stderr)
        return 1
    except KeyboardInterrupt:
        return 130
    return 0


if __name__ == "__main__":
    sys.exit(main())
