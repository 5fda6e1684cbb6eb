"""`bench/run SIZE`: one graph, one Neo4j, every contender, the same questions; ratios out.

Builds (once, cached) the synthetic graph of the size, loads it into a local Neo4j of its own,
starts the floor, bzpeer, naive and peer contenders over that database, checks every answer
against the floor's, times them, and writes bench/results/<date>-<size>.{json,md,png}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import shutil
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import dataclass
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

from bench import report
from bench.contenders import (
    Floor,
    Server,
    WrongAnswer,
    bzpeer_server,
    install_peer,
    neo4j_env,
    peer_server,
)
from bench.paging import deep_page, offsets
from bench.questions import FLOOR_DIR, QUESTIONS, Question
from bench.report import PEERS
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import LocalNeo4j, free_port
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.ingest import synthetic, synthetic_openalex
from bzpeer_graphql.ingest.bulk.admin import store_of
from bzpeer_graphql.ingest.bulk.build import build as bulk_build
from bzpeer_graphql.ingest.bulk.build import peak_memory_mib
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.progress import ProgressReporter
from bzpeer_graphql.ingest.snapshot import OpenAlexFile
from bzpeer_graphql.settings import Settings

SIZES = {"small": 10_000, "medium": 100_000, "large": 1_000_000, "huge": 10_000_000}
# heap, page cache (MiB)
MEMORY = {
    "small": (1024, 512),
    "medium": (2048, 1024),
    "large": (3072, 3072),
    "huge": (4096, 8192),
}
#: sizes built offline by `load --bulk` from the graph written as OpenAlex works: the
#: transactional loader would take most of a day for them
BULK = {"huge"}
RESULTS = Path(__file__).parent / "results"
#: the seconds a statement of the setup (load, migrate, sample) may take on a cold large graph
SETUP_TIMEOUT_S = 600.0
CONTENDERS = report.ORDER


@dataclass(frozen=True)
class Options:
    size: str
    papers: int
    seed: int
    samples: int
    requests: int
    warmup: int
    duration_s: float
    concurrency: int
    max_requests: int
    pool_size: int
    memory: tuple[int, int]  # Neo4j's heap and page cache, MiB
    tag: str
    contenders: tuple[str, ...]

    @property
    def name(self) -> str:
        """The size, with the papers when --papers changed them (its own Neo4j and results)."""
        if self.papers == SIZES[self.size]:
            return self.size
        return f"{self.size}-{self.papers}"


def parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="bench/run", description=__doc__)
    parser.add_argument("size", choices=SIZES, nargs="?", default="small")
    parser.add_argument(
        "--papers", type=int, help="papers of the graph, in place of the size's (a smaller huge)"
    )
    parser.add_argument("--seed", type=int, default=7, help="graph and sample seed")
    parser.add_argument("--samples", type=int, default=10, help="researchers/papers asked about")
    parser.add_argument("--requests", type=int, default=100, help="timed requests at concurrency 1")
    parser.add_argument("--warmup", type=int, default=30, help="untimed requests first")
    parser.add_argument("--duration", type=float, default=10.0, help="seconds of the loaded run")
    parser.add_argument("--concurrency", type=int, default=16)
    parser.add_argument(
        "--max-requests", type=int, default=20_000, help="bound on requests of the loaded run"
    )
    parser.add_argument("--pool-size", type=int, default=32, help="driver pool of every server")
    parser.add_argument("--heap-mb", type=int, help="Neo4j's heap, in place of the size's")
    parser.add_argument(
        "--pagecache-mb", type=int, help="Neo4j's page cache, in place of the size's"
    )
    parser.add_argument("--contenders", default=",".join(CONTENDERS))
    parser.add_argument("--tag", default="", help="added to the results' file names")
    args = parser.parse_args(argv)
    chosen = tuple(name for name in args.contenders.split(",") if name)
    unknown = set(chosen) - set(CONTENDERS)
    if unknown or "floor" not in chosen:
        parser.error(f"contenders are {', '.join(CONTENDERS)} and must include floor")
    if args.papers is not None and args.papers < 1:
        parser.error("--papers must be at least 1")
    return Options(
        args.size,
        args.papers or SIZES[args.size],
        args.seed,
        args.samples,
        args.requests,
        args.warmup,
        args.duration,
        args.concurrency,
        args.max_requests,
        args.pool_size,
        (args.heap_mb or MEMORY[args.size][0], args.pagecache_mb or MEMORY[args.size][1]),
        args.tag,
        chosen,
    )


async def prepare_graph(options: Options, local: LocalNeo4j, db: Database) -> dict[str, Any]:
    """Generates the graph file once and loads it once into this size's Neo4j (a bulk size's
    graph was built before Neo4j started: `build_offline`)."""
    if options.size in BULK:
        return dict(json.loads((local.home / "loaded.json").read_text()).get("build", {}))
    return await load_synthetic(local, db, options.papers, options.seed)


def build_offline(local: LocalNeo4j, papers: int, seed: int) -> None:
    """Writes the synthetic graph of `papers` as OpenAlex works once (cached) and builds this
    size's database from it with `load --bulk`, unless the database holds that graph already;
    the build's seconds and peak memory go to the marker, and from there to the results."""
    data = local.cache_dir / "bench" / f"oa-{papers}-{seed}.jsonl.gz"
    data.parent.mkdir(parents=True, exist_ok=True)
    if not data.exists():
        print(f"generating {data.name} ...", flush=True)
        partial = data.with_name(f"oa-{papers}-{seed}.partial.jsonl.gz")  # gzip by its suffix
        synthetic_openalex.write(partial, papers, seed)
        partial.rename(data)
    marker = local.home / "loaded.json"
    wanted = {"papers": papers, "seed": seed, "format": "openalex"}
    if (
        marker.exists()
        and {k: v for k, v in json.loads(marker.read_text()).items() if k != "build"} == wanted
    ):
        return
    marker.unlink(missing_ok=True)
    for path in store_of(local.home):  # this size's own database: another graph goes
        shutil.rmtree(path, ignore_errors=True)
    print(f"building {data.name} with load --bulk ...", flush=True)
    started = time.monotonic()
    summary = bulk_build(OpenAlexFile(data), local, log=print)
    print(*summary.lines(), sep="\n", flush=True)
    build = {
        "loadSeconds": round(time.monotonic() - started, 1),
        "steps": {name: round(s, 1) for name, s in summary.seconds.items()},
        "peakRssMb": dict(zip(("readerAndDuckDb", "importer"), peak_memory_mib(), strict=True)),
        "storeBytes": sum(
            f.stat().st_size
            for path in store_of(local.home)
            for f in path.rglob("*")
            if f.is_file()
        ),
    }
    marker.write_text(json.dumps({**wanted, "build": build}))


async def load_synthetic(local: LocalNeo4j, db: Database, papers: int, seed: int) -> dict[str, Any]:
    """Generates the synthetic graph of `papers` once (cached) and loads it once into `local`."""
    data = local.cache_dir / "bench" / f"syn-{papers}-{seed}.jsonl.gz"
    data.parent.mkdir(parents=True, exist_ok=True)
    if not data.exists():
        print(f"generating {data.name} ...", flush=True)
        synthetic.write(data, papers, seed)
    marker = local.home / "loaded.json"
    wanted = {"papers": papers, "seed": seed}
    await migrate(db)  # also builds COAUTHOR in a graph loaded before the writer kept it
    if not marker.exists() or json.loads(marker.read_text()) != wanted:
        print(f"loading {data.name} ...", flush=True)
        started = time.monotonic()
        summary = await Loader(db, batch_size=2000, progress=ProgressReporter()).load(
            BzpeerFile(data)
        )
        print(*summary.lines(), sep="\n", flush=True)
        marker.write_text(json.dumps(wanted))
        return {"loadSeconds": round(time.monotonic() - started, 1)}
    return {}


async def sample_ids(db: Database, options: Options, papers: int) -> dict[str, list[str]]:
    """The researchers and papers asked about, and the offsets of the pages asked for."""
    records, _, _ = await db.driver.execute_query(
        (FLOOR_DIR / "sample.cypher").read_text(),
        {"minWorks": 8, "minCiters": 3},
        database_=db.database,
        routing_="r",
    )
    rng = random.Random(options.seed)
    pools = records[0].data()
    drawn = {
        pool: rng.sample(sorted(ids), k=min(options.samples, len(ids)))
        for pool, ids in pools.items()
    }
    return {**drawn, **offsets(papers)}


async def timed(call: Callable[[str], Awaitable[Any]], node_id: str) -> float:
    """Milliseconds one call took."""
    started = time.perf_counter()
    await call(node_id)
    return (time.perf_counter() - started) * 1000


Contender = Floor | Server


def caller(contender: Contender, question: Question) -> Callable[[str], Awaitable[Any]]:
    """One request of `question` to `contender` for a node id, its answer unread."""
    if isinstance(contender, Floor):
        return lambda node_id: contender.ask(question, node_id)
    return lambda node_id: contender.post(question, node_id)


async def checked(
    contender: Contender, question: Question, ids: list[str], expected: dict[str, Any]
) -> tuple[dict[str, Any] | None, list[int]]:
    """The contender's Cypher round trips per id, or the result that marks it wrong (an error,
    or an answer other than the floor's)."""
    trips = []
    for node_id in ids:
        try:
            answer, count = await contender.ask(question, node_id)
        except WrongAnswer as exc:
            return {"status": "error", "detail": str(exc)[:300]}, []
        if answer != expected[node_id]:
            return {
                "status": "differs",
                "detail": f"answer for {node_id} differs from the floor",
            }, []
        trips.append(count)
    return None, trips


async def latencies(
    calls: dict[str, Callable[[str], Awaitable[Any]]], ids: list[str], options: Options
) -> dict[str, list[float]]:
    """Concurrency 1, the contenders taking turns: each round asks every contender for the same
    id, in an order shuffled each round, so that whatever else the machine does in a moment
    (Neo4j's page cache, a checkpoint, another process) falls on all of them alike."""
    times: dict[str, list[float]] = {name: [] for name in calls}
    order = list(calls)
    shuffle = random.Random(7).shuffle
    stop_at = time.perf_counter() + 2 * options.duration_s * len(calls)  # the N+1 one is slow
    rounds = 0
    while rounds < options.requests and (rounds < 10 or time.perf_counter() < stop_at):
        shuffle(order)
        for name in order:
            times[name].append(await timed(calls[name], ids[rounds % len(ids)]))
        rounds += 1
    return times


async def loaded(
    call: Callable[[str], Awaitable[Any]], ids: list[str], options: Options
) -> tuple[int, float]:
    """Requests done and seconds taken by `concurrency` clients in a closed loop."""
    done = 0
    deadline = time.perf_counter() + options.duration_s

    async def worker(offset: int) -> None:
        nonlocal done
        index = offset
        while time.perf_counter() < deadline and done < options.max_requests:
            await call(ids[index % len(ids)])
            done += 1
            index += options.concurrency

    started = time.perf_counter()
    await asyncio.gather(*(worker(n) for n in range(options.concurrency)))
    return done, time.perf_counter() - started


async def measure(
    contenders: dict[str, Contender],
    question: Question,
    ids: list[str],
    expected: dict[str, Any],
    options: Options,
) -> dict[str, dict[str, Any]]:
    """Checks every contender's answers against the floor's, then times those that agree:
    concurrency 1 taking turns (`latencies`), then each under load on its own."""
    results: dict[str, dict[str, Any]] = {}
    trips: dict[str, list[int]] = {}
    for name, contender in contenders.items():
        print(f"{question.name}: {name}", flush=True)
        wrong, trips[name] = await checked(contender, question, ids, expected)
        if wrong is not None:
            results[name] = wrong
    calls = {
        name: caller(contender, question)
        for name, contender in contenders.items()
        if name not in results
    }
    for call in calls.values():
        for index in range(options.warmup):  # not timed: caches, JIT and pools fill up first
            await call(ids[index % len(ids)])
    times = await latencies(calls, ids, options)
    for name, call in calls.items():
        done, elapsed = await loaded(call, ids, options)
        ordered = sorted(times[name])
        results[name] = {
            "status": "ok",
            "p50Ms": round(statistics.median(ordered), 2),
            "p99Ms": round(ordered[min(len(ordered) - 1, int(len(ordered) * 0.99))], 2),
            "rps": round(done / elapsed, 1),
            "requests": done,
            "trips": round(statistics.mean(trips[name]), 1) if trips[name] else None,
        }
    return {name: results[name] for name in contenders}


async def _logged_queries(log: Path, offset: int, timeout_s: float = 10) -> int:
    """Cypher statements the peer logged after `offset`, once it logged their results too."""
    deadline = time.monotonic() + timeout_s
    while True:
        with open(log, "rb") as text:
            text.seek(offset)
            logged = text.read().decode()
        started, finished = logged.count("executing cypher"), logged.count("Execute successful")
        if (started and finished >= started) or time.monotonic() > deadline:
            return started
        await asyncio.sleep(0.05)


def peer_cypher(base_env: dict[str, str], log: Path, ids: dict[str, list[str]]) -> dict[str, int]:
    """Runs the peer once with its Cypher logged; returns Cypher round trips per question."""
    server = peer_server(free_port(), base_env, log, debug=True)
    server.start()
    counts = {}

    async def ask_all() -> None:
        await server.post(QUESTIONS[0], ids[QUESTIONS[0].pool][0])  # its version check first
        for question in QUESTIONS:
            if question.seek and question.seek.peer:  # its walk to a deep page is not counted
                walked = log.stat().st_size
                await server.params(question, ids[question.pool][0])
                await _logged_queries(log, walked)
            before = log.stat().st_size
            await server.post(question, ids[question.pool][0])
            counts[question.name] = await _logged_queries(log, before)
        await server.client.aclose()

    try:
        with open(log, "ab") as out:
            out.write(b"\n")
        asyncio.run(ask_all())
    finally:
        server.stop()
    return counts


async def run_contenders(
    options: Options, connection: Connection, stamp: str, ids: dict[str, list[str]]
) -> dict[str, Any]:
    db = Database.connect(connection, pool_size=options.pool_size)
    floor = Floor(db.driver, connection.database)
    expected = {q.name: {i: (await floor.ask(q, i))[0] for i in ids[q.pool]} for q in QUESTIONS}
    base_env = neo4j_env(connection.uri, connection.password, options.pool_size)
    logs = RESULTS / "logs"
    logs.mkdir(parents=True, exist_ok=True)
    servers: dict[str, Server] = {}
    if "bzpeer" in options.contenders:
        servers["bzpeer"] = bzpeer_server(
            "bzpeer", free_port(), base_env, logs / f"{stamp}-bzpeer.log", batching=True
        )
    if "naive" in options.contenders:
        servers["naive"] = bzpeer_server(
            "naive", free_port(), base_env, logs / f"{stamp}-naive.log", batching=False
        )
    if "peer" in options.contenders:
        servers["peer"] = peer_server(free_port(), base_env, logs / f"{stamp}-peer.log")
    if "peer-coauthor" in options.contenders:
        servers["peer-coauthor"] = peer_server(
            free_port(),
            base_env,
            logs / f"{stamp}-peer-coauthor.log",
            name="peer-coauthor",
            coauthor=True,
        )
    cores = os.cpu_count() or 1
    if "bzpeer-scaled" in options.contenders:  # one process per core, both sides alike
        servers["bzpeer-scaled"] = bzpeer_server(
            "bzpeer-scaled",
            free_port(),
            base_env,
            logs / f"{stamp}-bzpeer-scaled.log",
            batching=True,
            workers=cores,
        )
    if "peer-scaled" in options.contenders:
        servers["peer-scaled"] = peer_server(
            free_port(),
            base_env,
            logs / f"{stamp}-peer-scaled.log",
            workers=cores,
            name="peer-scaled",
        )
    if "peer-coauthor-scaled" in options.contenders:
        servers["peer-coauthor-scaled"] = peer_server(
            free_port(),
            base_env,
            logs / f"{stamp}-peer-coauthor-scaled.log",
            workers=cores,
            name="peer-coauthor-scaled",
            coauthor=True,
        )
    results: dict[str, dict[str, Any]] = {}
    try:
        # every server up at once, idle but for its turns: the latencies take turns across the
        # contenders; each loaded run has the machine to itself
        for server in servers.values():
            server.start()
        contenders: dict[str, Contender] = {"floor": floor, **servers}
        for question in QUESTIONS:
            results[question.name] = await measure(
                contenders, question, ids[question.pool], expected[question.name], options
            )
    finally:
        for server in servers.values():
            await server.close()
        await db.close()
    return results


def peak_rss_mb(pid: int | None) -> int | None:
    """The most memory the process has held so far (VmHWM), in MiB; None where unknown."""
    try:
        status = Path(f"/proc/{pid}/status").read_text()
    except (OSError, TypeError):
        return None
    return next(
        (int(line.split()[1]) // 1024 for line in status.splitlines() if line.startswith("VmHWM")),
        None,
    )


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    settings = Settings.from_env(env_file=None)
    heap, cache = options.memory
    home = settings.cache_dir / "bench" / f"neo4j-{options.name}"
    local = LocalNeo4j(
        home,
        free_port(),
        cache_dir=settings.cache_dir,
        heap_mb=heap,
        pagecache_mb=cache,
        tx_timeout_s=max(settings.query_timeout_s, SETUP_TIMEOUT_S) * 2,
    )
    if "peer" in options.contenders:
        install_peer()
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    if options.size in BULK:
        local.stop()  # the build writes the database offline
        build_offline(local, options.papers, options.seed)
    status = local.start()
    connection = Connection(status.uri, "neo4j", local.password(), "neo4j")
    try:

        async def setup() -> tuple[dict[str, Any], dict[str, list[str]], dict[str, int]]:
            # the load's batches, the migration and the sample of a large graph may need longer
            # than a request: SETUP_TIMEOUT_S at least, BZPEER_QUERY_TIMEOUT more
            db = Database.connect(
                connection, timeout_s=max(settings.query_timeout_s, SETUP_TIMEOUT_S)
            )
            try:
                loaded = await prepare_graph(options, local, db)
                counts, _, _ = await db.driver.execute_query(
                    (FLOOR_DIR / "node_count.cypher").read_text(), database_=db.database
                )
                graph = counts[0].data()
                return loaded, await sample_ids(db, options, graph["papers"]), graph
            finally:
                await db.close()

        loaded, ids, graph = asyncio.run(setup())
        peer_trips: dict[str, int] = {}
        if "peer" in options.contenders:
            log = RESULTS / "-".join(
                filter(None, [stamp, options.name, options.tag, "peer-cypher.log"])
            )
            log.write_text("")
            peer_trips = peer_cypher(
                neo4j_env(connection.uri, connection.password, options.pool_size), log, ids
            )
        results = asyncio.run(run_contenders(options, connection, stamp, ids))
        neo4j_peak = peak_rss_mb(status.pid)
    finally:
        local.stop()
    for question, trips in peer_trips.items():  # counted from the peer's own Cypher log
        for name in PEERS:  # the same operations in both configurations
            if results[question].get(name, {}).get("status") == "ok":
                results[question][name]["trips"] = trips
    deep = deep_page(graph["papers"])
    meta = {
        "date": stamp,
        "size": options.size,
        "papers": options.papers,
        "seed": options.seed,
        "samples": ids,
        "graph": {**graph, **loaded, "neo4jPeakRssMb": neo4j_peak},
        "deepPage": deep,
        "options": {k: v for k, v in options.__dict__.items() if k != "size"},
    }
    stem = "-".join(filter(None, [stamp, options.name, options.tag]))
    paths = report.write(RESULTS, stem, meta, results, QUESTIONS)
    print(report.table(results, QUESTIONS))
    print(report.paging_table(results, deep))
    print("written:", *map(str, paths))
    return 0
