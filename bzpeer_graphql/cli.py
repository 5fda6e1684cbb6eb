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
from neo4j.exceptions import Neo4jError

from bzpeer_graphql.db import shared_papers
from bzpeer_graphql.db.database import Database, QueryTimedOut
from bzpeer_graphql.db.local import LocalNeo4j, LocalNeo4jError
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.ingest import limits, synthetic, synthetic_openalex
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader, LoadError, Source
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.ingest.seed import seed_file
from bzpeer_graphql.ingest.snapshot import MergedIdsError, OpenAlexFile, OpenAlexSnapshot
from bzpeer_graphql.ingest.summary import LoadSummary
from bzpeer_graphql.live.log import RedisChangeLog
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
    papers; exits 1 on any difference."""
    kept = shared_papers.KEPT[args.what]
    with database_running(settings):
        found = asyncio.run(
            with_db(settings, lambda db: shared_papers.differences(db, kept, args.show))
        )
    if found.count:
        say(*found.lines())
        raise CommandError(f"{kept.name}: {found.count} pair(s) differ from the papers")
    say(f"{kept.name}: {kept.relationship} agrees with the papers")


def cmd_load(args: argparse.Namespace, settings: Settings) -> None:
    """Loads a bzpeer or OpenAlex JSONL file (plain or .gz) into the graph, idempotently."""
    source = _source(args)
    if args.bulk:
        _bulk(source, args, settings)
        return

    async def work(db: Database) -> LoadSummary:
        await migrate(db)
        # with BZPEER_REDIS_URL, subscribers of every server sharing it see what the load wrote
        changes = (
            RedisChangeLog(settings.redis_url, settings.live_retention, settings.redis_timeout_s)
            if settings.redis_url
            else None
        )
        loader = Loader(
            db,
            batch_size=args.batch_size,
            on_error=args.on_error,
            progress=ProgressReporter(),
            changes=changes,
        )
        try:
            return await loader.load(source)
        finally:
            if changes is not None:
                await changes.close()

    with database_running(settings):
        try:
            summary = asyncio.run(with_db(settings, work))
        except LoadError as exc:
            for error in exc.errors[:50]:
                print(f"bad record: {error}", file=sys.stderr)
            raise CommandError(str(exc)) from None
        except MergedIdsError as exc:
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
    for note in summary.notes[:50]:
        print(f"note: {note}", file=sys.stderr)
    if len(summary.notes) > 50:
        print(f"note: ... and {len(summary.notes) - 50} more", file=sys.stderr)
    say(*summary.lines())


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
    say(f"wrote {args.out}: " + ", ".join(f"{n} {kind}s" for kind, n in counts.items()))


#: the `load` path that names the seed data shipped with the package
SEED_PATH = "seed"


def _bulk(source: Source, args: argparse.Namespace, settings: Settings) -> None:
    """`load --bulk`: a new database built offline by neo4j-admin (see ingest/bulk/)."""
    from bzpeer_graphql.ingest.bulk.build import BulkRefused, build

    if not settings.uses_local_neo4j:
        raise CommandError(
            "--bulk builds the local Neo4j's database offline; with NEO4J_URI set, load without "
            "--bulk (or run neo4j-admin database import on that server)"
        )
    try:
        local = LocalNeo4j.from_settings(settings)
        summary = build(source, local, args.on_error, say, keep_running=args.keep_running)
    except BulkRefused as exc:
        raise CommandError(str(exc)) from None
    except LoadError as exc:
        for error in exc.errors[:50]:
            print(f"bad record: {error}", file=sys.stderr)
        raise CommandError(f"{exc}; no database was built") from None
    for error in summary.errors[:50]:
        print(f"skipped: {error}", file=sys.stderr)
    for note in summary.notes[:50]:
        print(f"note: {note}", file=sys.stderr)
    say(*summary.lines(), "bulk: database built; `bzpeer-graphql serve` serves it")
    if args.keep_running:
        say(f"bulk: the local Neo4j keeps running on {local.uri} (`bzpeer-graphql neo4j stop`)")


LIMITS_HELP = (
    "Text is bounded at import: a paper's title at {title:,} characters, its abstract at "
    "{abstract:,} and venue at {venue:,}; names (researchers, institutions, topics) at {name:,}. "
    "Longer text is cut at its limit, never stored whole, and each cut is reported as a note "
    "on its line (stderr), as are works loaded without authors or title."
).format(**limits.TEXT["paper"], name=limits.TEXT["researcher"]["name"])


def _source(args: argparse.Namespace) -> Source:
    path = Path(args.path)
    if args.path == SEED_PATH and args.format == "bzpeer" and not path.exists():
        return seed_file()
    if args.merged_ids and (args.format != "openalex" or path.is_dir()):
        raise CommandError(
            "--merged-ids is for one OpenAlex file (--format openalex); a snapshot directory "
            "reads its own data/merged_ids/"
        )
    if args.format == "openalex" and path.is_dir():
        return OpenAlexSnapshot(path)
    if not path.is_file():
        raise CommandError(f"{path}: no such file")
    if args.format == "openalex":
        merged = Path(args.merged_ids) if args.merged_ids else None
        source = OpenAlexFile(path, merged_ids=merged, entity=args.entity)
        try:
            source.redirects()  # a --merged-ids that names nothing readable stops here
        except MergedIdsError as exc:
            raise CommandError(f"--merged-ids {exc}") from None
        return source
    return BzpeerFile(path)


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
    check.add_argument("what", choices=sorted(shared_papers.KEPT))
    check.add_argument("--show", type=int, default=20, help="differences listed (default 20)")
    check.set_defaults(run=cmd_check)

    load = commands.add_parser(
        "load",
        help=cmd_load.__doc__,
        description=f"{cmd_load.__doc__} {LIMITS_HELP}",
    )
    load.add_argument(
        "path",
        help="the file to load (.jsonl or .jsonl.gz), or with --format openalex a snapshot "
        f"directory (data/<entity>/updated_date=*/part_*.gz; resumable); `{SEED_PATH}`: the "
        "seed data shipped with the package",
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
    load.add_argument(
        "--merged-ids",
        help="openalex file: the snapshot's merged_ids/ folder, one entity's folder in it, or "
        "one of its CSV files (refused when it holds none)",
    )
    load.add_argument(
        "--entity",
        choices=["works", "authors", "institutions"],
        default="works",
        help="openalex file: what its records are (default works)",
    )
    load.add_argument(
        "--bulk",
        action="store_true",
        help="build a new database with neo4j-admin import (the local Neo4j, stopped, with no "
        "graph yet): for a first load of a large input; updates go without --bulk",
    )
    load.add_argument(
        "--keep-running",
        action="store_true",
        help="--bulk: leave the local Neo4j running after the build, so that `serve` need not "
        "start it again (stop it with `bzpeer-graphql neo4j stop`)",
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
