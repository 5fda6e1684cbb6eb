"""The `bzpeer-graphql` command: serve, neo4j, explorer, migrate, load, generate, export-schema,
token, persist, check."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from collections.abc import Callable, Sequence
from pathlib import Path

from graphql import GraphQLError, parse

from bzpeer_graphql.db import shared_papers
from bzpeer_graphql.db.local import LocalNeo4j, LocalNeo4jError
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.ingest.commands import add_commands
from bzpeer_graphql.policy.persisted import manifest
from bzpeer_graphql.serve import (
    CommandError,
    database_running,
    say,
    serve,
    with_db,
)
from bzpeer_graphql.settings import Settings, SettingsError
from bzpeer_graphql.web.explorer import Explorer, ExplorerBuildError


def cmd_serve(args: argparse.Namespace, settings: Settings) -> None:
    """Runs the HTTP server; with no NEO4J_URI it starts the local Neo4j and stops it after."""
    serve(args, settings)


def cmd_neo4j(args: argparse.Namespace, settings: Settings) -> None:
    """Starts, stops, installs or reports on the local Neo4j."""
    local = LocalNeo4j.from_settings(settings)
    if args.action == "install":
        classpath = local.install(log=say)
        say(f"Neo4j {local.status().version} ready: {len(classpath) - 1} jars in {local.cache_dir}")
    elif args.action == "start":
        status = local.start(report=say)
        say(f"Neo4j running at {status.uri}")
    elif args.action == "stop":
        say("Neo4j stopped" if local.stop() else "Neo4j was not running")
    else:
        say(*local.status().lines())


def cmd_explorer(args: argparse.Namespace, settings: Settings) -> None:
    """Builds the /explorer page (npm ci and the bundler) or says whether it is built."""
    explorer = Explorer.find()
    if args.action == "status":
        if explorer.is_current():
            say(f"explorer: built and current in {explorer.dist}")
        elif explorer.page() is not None:
            say(f"explorer: built in {explorer.dist}, older than its sources (serve rebuilds it)")
        else:
            say(f"explorer: not built. {explorer.missing_reason()}")
        return
    try:
        built = explorer.build(force=args.force, log=say)
    except ExplorerBuildError as exc:
        raise CommandError(str(exc)) from None
    say(f"explorer: {'built' if built else 'already current'} in {explorer.dist}")


def cmd_migrate(args: argparse.Namespace, settings: Settings) -> None:
    """Applies the constraints and indexes of cypher/schema/ (idempotent)."""
    with database_running(settings):
        count = asyncio.run(with_db(settings, migrate))
    say(f"schema: {count} constraints and indexes in place")


def cmd_check(args: argparse.Namespace, settings: Settings) -> None:
    """Compares COAUTHOR (coauthors), RELATED (related) or WORKS_ON (works-on) with the
    papers, or the topics' ranked neighbours (rankings) with their links; exits 1 on any
    difference."""
    if args.what == shared_papers.RANKINGS:
        _check_rankings(args, settings)
        return
    kept = shared_papers.KEPT[args.what]
    with database_running(settings):
        found = asyncio.run(
            with_db(settings, lambda db: shared_papers.differences(db, kept, args.show))
        )
    if found.count:
        say(*found.lines())
        raise CommandError(f"{kept.name}: {found.count} pair(s) differ from the papers")
    say(f"{kept.name}: {kept.relationship} agrees with the papers")


def _check_rankings(args: argparse.Namespace, settings: Settings) -> None:
    with database_running(settings):
        found = asyncio.run(
            with_db(settings, lambda db: shared_papers.ranking_differences(db, args.show))
        )
    if found.count:
        say(*found.lines())
        raise CommandError(f"rankings: {found.count} topic(s) differ from their links")
    say("rankings: every topic's ranking agrees with its links")


def cmd_export_schema(args: argparse.Namespace, settings: Settings) -> None:
    """Prints the GraphQL schema as SDL."""
    from bzpeer_graphql.graph.schema import sdl

    sys.stdout.write(sdl())


def cmd_token(args: argparse.Namespace, settings: Settings) -> None:
    """Mints a viewer token for local use and prints it alone on the last line."""
    from bzpeer_graphql.errors import Unauthenticated
    from bzpeer_graphql.policy.auth import mint

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
    say(token)


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
    say(json.dumps(manifest(documents), indent=2))


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
    check.add_argument("what", choices=[*sorted(shared_papers.KEPT), shared_papers.RANKINGS])
    check.add_argument("--show", type=int, default=20, help="differences listed (default 20)")
    check.set_defaults(run=cmd_check)

    add_commands(commands)
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
