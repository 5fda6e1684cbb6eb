"""`bench/load`: many clients drive the query mix against one server for a fixed time.

Starts the server (uvicorn on a free 127.0.0.1 port) over `--uri` or over a local Neo4j of its
own holding the synthetic graph of `--papers`, samples the mix's variables through the API,
runs `--clients` closed-loop clients for `--warmup` untimed seconds and then `--duration`
timed ones, and reports requests/s, p50/p99 per query and overall, errors by code, and the
server's resident memory (VmRSS) when the timed run starts, every few seconds, and at its end.
Results go to bench/results/<date>-load-<papers>.{json,md}.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import os
import random
import time
from collections import Counter
from dataclasses import dataclass, field
from datetime import UTC, datetime
from pathlib import Path
from typing import Any

import httpx

from bench import mix
from bench.contenders import Server, bzpeer_server, neo4j_env
from bench.harness import MEMORY, RESULTS, load_synthetic
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import LocalNeo4j, free_port
from bzpeer_graphql.settings import Settings


@dataclass(frozen=True)
class Options:
    papers: int
    seed: int
    clients: int
    duration_s: float
    warmup_s: float
    uri: str | None
    home: Path | None
    workers: int
    pool_size: int
    rss_every_s: float


def parse(argv: list[str] | None) -> Options:
    parser = argparse.ArgumentParser(prog="bench/load", description=__doc__)
    parser.add_argument("--papers", type=int, default=10_000, help="synthetic graph size")
    parser.add_argument("--seed", type=int, default=7, help="graph and mix seed")
    parser.add_argument("--clients", type=int, default=32, help="concurrent clients")
    parser.add_argument("--duration", type=float, default=60.0, help="timed seconds")
    parser.add_argument("--warmup", type=float, default=15.0, help="untimed seconds first")
    parser.add_argument(
        "--uri", help="use this Neo4j and the graph in it (NEO4J_USER, NEO4J_PASSWORD)"
    )
    parser.add_argument(
        "--home", type=Path, help="local Neo4j home (default: the cache's bench/neo4j-load-N)"
    )
    parser.add_argument("--workers", type=int, default=1, help="server processes")
    parser.add_argument("--pool-size", type=int, default=32, help="the server's driver pool")
    parser.add_argument("--rss-every", type=float, default=5.0, help="seconds between samples")
    args = parser.parse_args(argv)
    if args.clients < 1 or args.duration <= 0 or args.warmup < 0 or args.papers < 1:
        parser.error("--clients and --papers must be positive, --duration too")
    return Options(
        args.papers,
        args.seed,
        args.clients,
        args.duration,
        args.warmup,
        args.uri,
        args.home,
        args.workers,
        args.pool_size,
        args.rss_every,
    )


def rss_kib(pid: int) -> int:
    """Resident memory of a process and its children (the workers), from /proc, in KiB."""
    total = 0
    pending = [pid]
    while pending:
        current = pending.pop()
        try:
            status = Path(f"/proc/{current}/status").read_text()
            children = Path(f"/proc/{current}/task/{current}/children").read_text().split()
        except OSError:
            continue
        total += next(
            int(line.split()[1]) for line in status.splitlines() if line.startswith("VmRSS:")
        )
        pending += [int(child) for child in children]
    return total


@dataclass
class Tally:
    """What the timed run saw: latencies per query, errors by code."""

    latencies: dict[str, list[float]] = field(default_factory=dict)
    failed: Counter[str] = field(default_factory=Counter)
    codes: Counter[str] = field(default_factory=Counter)

    def record(self, name: str, ms: float, codes: list[str]) -> None:
        self.latencies.setdefault(name, []).append(ms)
        if codes:
            self.failed[name] += 1
            self.codes.update(codes)


async def ask(
    client: httpx.AsyncClient, url: str, query: mix.Query, pools: mix.Pools, rng: random.Random
) -> list[str]:
    """Sends one request; returns the codes of what went wrong (empty when nothing did)."""
    try:
        response = await client.post(
            url, json={"query": query.text, "variables": query.variables(pools, rng)}
        )
    except httpx.HTTPError as exc:
        return [type(exc).__name__]
    if response.status_code != 200:
        return [f"HTTP_{response.status_code}"]
    errors = response.json().get("errors") or []
    return [str((error.get("extensions") or {}).get("code", "NO_CODE")) for error in errors]


async def drive(
    client: httpx.AsyncClient,
    url: str,
    pools: mix.Pools,
    options: Options,
    seconds: float,
    tally: Tally | None,
) -> float:
    """`options.clients` closed-loop clients for `seconds`; returns the seconds it took.
    Without a tally the run is the warmup, whose requests the timed run does not repeat."""
    deadline = time.perf_counter() + seconds
    phase = "timed" if tally is not None else "warmup"

    async def client_loop(number: int) -> None:
        rng = random.Random(f"{options.seed}/{phase}/{number}")
        while time.perf_counter() < deadline:
            query = mix.draw(rng)
            started = time.perf_counter()
            codes = await ask(client, url, query, pools, rng)
            if tally is not None:
                tally.record(query.name, (time.perf_counter() - started) * 1000, codes)

    started = time.perf_counter()
    await asyncio.gather(*(client_loop(n) for n in range(options.clients)))
    return time.perf_counter() - started


def percentile(ordered: list[float], share: float) -> float:
    return ordered[min(len(ordered) - 1, int(len(ordered) * share))] if ordered else 0.0


def summarize(tally: Tally, elapsed: float) -> dict[str, Any]:
    rows = {}
    every = []
    for query in mix.MIX:
        times = sorted(tally.latencies.get(query.name, []))
        every += times
        rows[query.name] = _row(times, tally.failed[query.name], elapsed)
    return {
        "queries": rows,
        "overall": _row(sorted(every), sum(tally.failed.values()), elapsed),
        "errorsByCode": dict(tally.codes.most_common()),
    }


def _row(times: list[float], failed: int, elapsed: float) -> dict[str, Any]:
    return {
        "requests": len(times),
        "rps": round(len(times) / elapsed, 1),
        "p50Ms": round(percentile(times, 0.5), 1),
        "p99Ms": round(percentile(times, 0.99), 1),
        "errors": failed,
    }


async def measure(server: Server, options: Options) -> dict[str, Any]:
    assert server.process is not None
    pid = server.process.pid
    limits = httpx.Limits(
        max_connections=options.clients, max_keepalive_connections=options.clients
    )
    async with httpx.AsyncClient(limits=limits, timeout=120) as client:

        async def post(query: str, variables: dict[str, Any]) -> mix.Data:
            response = await client.post(server.url, json={"query": query, "variables": variables})
            body: dict[str, Any] = response.json()
            if response.status_code != 200 or body.get("errors"):
                raise RuntimeError(f"sampling failed: {response.status_code} {body.get('errors')}")
            data: mix.Data = body["data"]
            return data

        pools = await mix.sample(post)
        print(
            f"pools: {len(pools.researchers)} researchers, {len(pools.topics)} topics, "
            f"{len(pools.words)} words; RSS at start {rss_kib(pid) / 1024:.0f} MiB",
            flush=True,
        )
        print(f"warming up for {options.warmup_s:.0f} s ...", flush=True)
        await drive(client, server.url, pools, options, options.warmup_s, None)
        rss: list[dict[str, float]] = [{"s": 0.0, "mib": round(rss_kib(pid) / 1024, 1)}]
        tally = Tally()
        cpu_before = time.process_time()

        async def sample_rss() -> None:
            started = time.perf_counter()
            while True:
                await asyncio.sleep(options.rss_every_s)
                at = round(time.perf_counter() - started, 1)
                rss.append({"s": at, "mib": round(rss_kib(pid) / 1024, 1)})

        print(f"{options.clients} clients for {options.duration_s:.0f} s ...", flush=True)
        sampler = asyncio.create_task(sample_rss())
        elapsed = await drive(client, server.url, pools, options, options.duration_s, tally)
        sampler.cancel()
        rss.append({"s": round(elapsed, 1), "mib": round(rss_kib(pid) / 1024, 1)})
        loader_cpu = time.process_time() - cpu_before
    result = summarize(tally, elapsed)
    result["rssMiB"] = rss
    result["seconds"] = round(elapsed, 1)
    result["loadGeneratorCpuShare"] = round(loader_cpu / elapsed, 2)
    return result


def table(result: dict[str, Any]) -> str:
    lines = [
        "| query | weight | requests | req/s | p50 ms | p99 ms | errors |",
        "| --- | ---: | ---: | ---: | ---: | ---: | ---: |",
    ]
    weights = {query.name: query.weight for query in mix.MIX}
    rows = [*result["queries"].items(), ("overall", result["overall"])]
    for name, row in rows:
        lines.append(
            f"| {name} | {weights.get(name, sum(weights.values()))} | {row['requests']} "
            f"| {row['rps']} | {row['p50Ms']} | {row['p99Ms']} | {row['errors']} |"
        )
    rss = result["rssMiB"]
    lines += [
        "",
        "errors by code: "
        + (", ".join(f"{c} {n}" for c, n in result["errorsByCode"].items()) or "none"),
        f"server RSS (MiB): {rss[0]['mib']} after warmup, {rss[-1]['mib']} at the end "
        f"({rss[-1]['mib'] - rss[0]['mib']:+.1f}), {max(s['mib'] for s in rss)} at most; "
        f"over the second half {rss[-1]['mib'] - rss[len(rss) // 2]['mib']:+.1f} "
        "(sampled: " + " ".join(str(s["mib"]) for s in rss) + ")",
        f"load generator CPU: {result['loadGeneratorCpuShare']:.0%} of one core",
    ]
    return "\n".join(lines)


def write(meta: dict[str, Any], result: dict[str, Any]) -> list[Path]:
    RESULTS.mkdir(parents=True, exist_ok=True)
    stem = RESULTS / f"{meta['date']}-load-{meta['papers']}"
    json_path, md_path = stem.with_suffix(".json"), stem.with_suffix(".md")
    json_path.write_text(json.dumps({"meta": meta, "result": result}, indent=2) + "\n")
    heading = (
        f"# Load {meta['date']}: {meta['clients']} clients, {meta['duration']:.0f} s "
        f"({meta['warmup']:.0f} s warmup), {meta['papers']:,} papers, "
        f"{meta['workers']} server process(es)\n\n"
    )
    md_path.write_text(heading + table(result) + "\n")
    return [json_path, md_path]


def _connection(options: Options) -> tuple[Connection, LocalNeo4j | None]:
    """The database to use: `--uri`, or a local Neo4j of its own with the synthetic graph."""
    settings = Settings.from_env(env_file=None)
    if options.uri:
        password = os.environ.get("NEO4J_PASSWORD", "")
        return Connection(options.uri, settings.neo4j_user, password, settings.neo4j_database), None
    heap, cache = MEMORY["small" if options.papers <= 10_000 else "medium"]
    home = options.home or settings.cache_dir / "bench" / f"neo4j-load-{options.papers}"
    local = LocalNeo4j(
        home, free_port(), cache_dir=settings.cache_dir, heap_mb=heap, pagecache_mb=cache
    )
    status = local.start()
    connection = Connection(status.uri, "neo4j", local.password(), "neo4j")
    try:

        async def load() -> None:
            db = Database.connect(connection)
            try:
                await load_synthetic(local, db, options.papers, options.seed)
            finally:
                await db.close()

        asyncio.run(load())
    except BaseException:
        local.stop()
        raise
    return connection, local


def main(argv: list[str] | None = None) -> int:
    options = parse(argv)
    stamp = datetime.now(UTC).strftime("%Y-%m-%d")
    connection, local = _connection(options)
    try:
        logs = RESULTS / "logs"
        logs.mkdir(parents=True, exist_ok=True)
        server = bzpeer_server(
            "bzpeer",
            free_port(),
            neo4j_env(connection.uri, connection.password, options.pool_size),
            logs / f"{stamp}-load.log",
            batching=True,
            workers=options.workers,
        )
        server.start()
        try:
            result = asyncio.run(measure(server, options))
        finally:
            server.stop()
    finally:
        if local is not None:
            local.stop()
    meta = {
        "date": stamp,
        "papers": options.papers,
        "seed": options.seed,
        "clients": options.clients,
        "duration": options.duration_s,
        "warmup": options.warmup_s,
        "workers": options.workers,
        "poolSize": options.pool_size,
        "uri": options.uri or "local",
        "cpus": os.cpu_count(),
    }
    print(table(result))
    print("written:", *map(str, write(meta, result)))
    return 1 if result["overall"]["errors"] else 0
