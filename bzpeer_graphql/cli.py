"""The `bzpeer-graphql` command: serve, neo4j, migrate, export-schema."""

from __future__ import annotations

import argparse
import asyncio
import signal
import sys
from collections.abc import Callable, Sequence

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.local import LocalNeo4j, LocalNeo4jError
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.settings import Settings, SettingsError


class CommandError(RuntimeError):
    """A command failed in a way the user can act on; printed as one line."""


def _print(*lines: str) -> None:
    for line in lines:
        print(line, flush=True)


async def _migrate(settings: Settings) -> int:
    db = Database.from_settings(settings)
    try:
        return await migrate(db)
    finally:
        await db.close()


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    """Runs the HTTP server; with no NEO4J_URI it starts the local Neo4j and stops it after."""
    import uvicorn

    from bzpeer_graphql.app import create_app

    local = LocalNeo4j.from_settings(settings) if settings.uses_local_neo4j else None
    started_here = False
    if local is not None:
        started_here = not local.status().running
        _print(f"local Neo4j: {local.start().uri}")
    try:
        if not args.no_migrate:
            count = asyncio.run(_migrate(settings))
            _print(f"schema: {count} constraints and indexes in place")
        host = args.host or settings.host
        port = args.port or settings.port
        _print(f"GraphQL at http://{host}:{port}/graphql")
        # uvicorn re-raises SIGTERM once it has shut down; end normally so `finally` runs
        signal.signal(signal.SIGTERM, _exit_on_sigterm)
        uvicorn.run(create_app(settings), host=host, port=port, log_level=args.log_level)
    finally:
        if local is not None and started_here:
            local.stop()
            _print("local Neo4j stopped")


def _exit_on_sigterm(signum: int, frame: object) -> None:
    raise SystemExit(0)


def cmd_neo4j(args: argparse.Namespace, settings: Settings) -> None:
    """Starts, stops, installs or reports on the local Neo4j."""
    local = LocalNeo4j.from_settings(settings)
    if args.action == "install":
        classpath = local.install()
        _print(
            f"Neo4j {local.status().version} ready: {len(classpath) - 1} jars in {local.cache_dir}"
        )
    elif args.action == "start":
        status = local.start()
        _print(f"Neo4j running at {status.uri}")
    elif args.action == "stop":
        _print("Neo4j stopped" if local.stop() else "Neo4j was not running")
    else:
        _print(*local.status().lines())


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> None:
    """Applies the constraints and indexes of cypher/schema/ (idempotent)."""
    count = asyncio.run(_migrate(settings))
    _print(f"schema: {count} constraints and indexes in place")


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> None:
    """Prints the GraphQL schema as SDL."""
    from bzpeer_graphql.graph.schema import sdl

    sys.stdout.write(sdl())


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
    serve.set_defaults(run=cmd_serve)

    neo4j = commands.add_parser("neo4j", help=cmd_neo4j.__doc__)
    neo4j.add_argument("action", choices=["start", "stop", "status", "install"])
    neo4j.set_defaults(run=cmd_neo4j)

    commands.add_parser("migrate", help=cmd_migrate.__doc__).set_defaults(run=cmd_migrate)
    commands.add_parser("export-schema", help=cmd_export_schema.__doc__).set_defaults(
        run=cmd_export_schema
    )
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
