"""The `load` and `generate` commands of `bzpeer-graphql`: files and snapshots into the graph,
transactionally or by a bulk build, and synthetic graphs to load."""

from __future__ import annotations

import argparse
import asyncio
import json
import sys
from pathlib import Path

from neo4j.exceptions import Neo4jError

from bzpeer_graphql.db.database import Database, QueryTimedOut
from bzpeer_graphql.db.local import LocalNeo4j
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.ingest import limits, synthetic, synthetic_openalex
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.ingest.seed import seed_file
from bzpeer_graphql.ingest.snapshot import MergedIdsError, OpenAlexFile, OpenAlexSnapshot
from bzpeer_graphql.ingest.source import LoadError, Source
from bzpeer_graphql.ingest.summary import LoadSummary
from bzpeer_graphql.live.log import RedisChangeLog
from bzpeer_graphql.serve import CommandError, database_running, say, with_db
from bzpeer_graphql.settings import Settings


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


def add_commands(commands: argparse._SubParsersAction[argparse.ArgumentParser]) -> None:
    """Adds `load` and `generate` to the command's subparsers."""
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
