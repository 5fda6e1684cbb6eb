"""`python -m bench.introspection`: does a storm of introspection stall `/healthz`?

Starts `bzpeer-graphql serve` (two workers, on a free 127.0.0.1 port; introspection and
/healthz need no database, so NEO4J_URI names a closed port) with a rate limit high enough not
to interfere, sends `--clients` concurrent requests of `--aliases` aliased full introspections
(graphql-core's query, as GraphiQL sends it) `--rounds` times, and meanwhile asks /healthz every
10 ms. Prints the answers' statuses and codes and the /healthz p50/p99/max; with `--alone S`
the probes of the S seconds before the storm too, the machine's own figures to compare with on
a shared machine.
"""

from __future__ import annotations

import argparse
import asyncio
import multiprocessing
import os
import subprocess
import sys
import time
from collections import Counter
from typing import Any

import httpx
from graphql import get_introspection_query

from bzpeer_graphql.db.local import free_port

#: the bound on the whole run
DEADLINE_S = 120.0


def aliased(aliases: int, salt: int) -> str:
    """`aliases` full introspections under aliases; `salt` makes the text unique (no cache)."""
    query = get_introspection_query(descriptions=True)
    body = query[query.index("__schema") : query.index("fragment FullType")].strip()
    body = body.rstrip("}").strip()  # the operation's own closing brace
    fields = " ".join(f"s{i}: {body}" for i in range(aliases))
    fragments = query[query.index("fragment FullType") :]
    return f"query IntrospectionQuery {{ {fields} }} # {salt}\n{fragments}"


def percentile(values: list[float], share: float) -> float:
    ordered = sorted(values)
    return ordered[min(len(ordered) - 1, int(share * len(ordered)))]


def probe(base: str, stop: Any, results: Any) -> None:
    """Asks /healthz every 10 ms until `stop` is set; puts (latencies in ms, moments in s)."""
    latencies: list[float] = []
    moments: list[float] = []
    begun = time.perf_counter()
    with httpx.Client(base_url=base, timeout=60) as http:
        while not stop.is_set():
            started = time.perf_counter()
            answer = http.get("/healthz")
            assert answer.status_code == 200
            latencies.append((time.perf_counter() - started) * 1000)
            moments.append(started - begun)
            time.sleep(0.01)
    results.put((latencies, moments))


async def storm(
    base: str, clients: int, aliases: int, rounds: int, unique: bool, alone_s: float
) -> None:
    """The storm, with /healthz probed from another process (this one decodes answers)."""
    outcomes: Counter[tuple[int, str]] = Counter()
    stop = multiprocessing.Event()
    results: Any = multiprocessing.Queue()
    prober = multiprocessing.Process(target=probe, args=(base, stop, results))
    prober.start()
    await asyncio.sleep(alone_s)  # the probes of /healthz alone, for comparison
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:

        async def client(n: int) -> None:
            for r in range(rounds):
                text = aliased(aliases, n * rounds + r if unique else 0)
                answer = await http.post("/graphql", json={"query": text})
                head = answer.content[:20]
                errors = answer.json()["errors"] if head.startswith(b'{"data":null') else None
                code = errors[0]["extensions"]["code"] if errors else "answered"
                outcomes[(answer.status_code, code)] += 1

        started = time.perf_counter()
        await asyncio.gather(*(client(n) for n in range(clients)))
        seconds = time.perf_counter() - started
    stop.set()
    everything, moments = results.get(timeout=30)
    prober.join(timeout=30)
    split = alone_s  # the storm began then, give or take the prober's start
    before = [ms for ms, at in zip(everything, moments, strict=True) if at < split]
    latencies = [ms for ms, at in zip(everything, moments, strict=True) if at >= split]
    moments = [at for at in moments if at >= split]
    if before:
        print(
            f"/healthz alone over {len(before)} probes: p50 {percentile(before, 0.5):.1f} ms, "
            f"p99 {percentile(before, 0.99):.1f} ms, max {max(before):.1f} ms"
        )
    print(
        f"{clients} clients x {rounds} x {aliases} aliases ({'unique' if unique else 'same'} "
        f"text): {dict(outcomes)} in {seconds:.1f} s; /healthz over {len(latencies)} probes: "
        f"p50 {percentile(latencies, 0.5):.1f} ms, p99 {percentile(latencies, 0.99):.1f} ms, "
        f"max {max(latencies):.1f} ms"
    )
    slowest = sorted(zip(latencies, moments, strict=True), reverse=True)[:5]
    print("slowest probes (ms, at s):", [(round(ms), round(at, 2)) for ms, at in slowest])


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--aliases", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--unique", action="store_true", help="a new text per request")
    parser.add_argument(
        "--alone", type=float, default=0.0, help="seconds of /healthz probes before the storm"
    )
    options = parser.parse_args(argv)
    port = free_port()
    env: dict[str, Any] = {k: v for k, v in os.environ.items() if not k.startswith("BZPEER_")}
    env.update(
        NEO4J_URI="bolt://127.0.0.1:9",
        NEO4J_PASSWORD="unused",
        BZPEER_PORT=str(port),
        BZPEER_RATE_LIMIT="10000",
        BZPEER_RATE_BURST="10000",
        BZPEER_LOG_LEVEL="warning",
    )
    command = [sys.executable, "-m", "bzpeer_graphql.cli", "serve", "--no-migrate"]
    server = subprocess.Popen(
        [*command, "--workers", str(options.workers), "--log-level", "warning"], env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        asyncio.run(asyncio.wait_for(_run(base, options), DEADLINE_S))
    finally:
        server.terminate()
        server.wait(timeout=30)


async def _run(base: str, options: argparse.Namespace) -> None:
    async with httpx.AsyncClient(base_url=base, timeout=2) as http:
        while True:  # until the server answers (bounded by DEADLINE_S)
            try:
                if (await http.get("/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    await storm(
        base, options.clients, options.aliases, options.rounds, options.unique, options.alone
    )


if __name__ == "__main__":
    main()
