"""`python -m bench.introspection`: does a storm of introspection stall `/healthz`?

Starts `bzpeer-graphql serve` (two workers, on a free 127.0.0.1 port; introspection and
/healthz need no database, so NEO4J_URI names a closed port) with a rate limit high enough not
to interfere, and probes /healthz every 10 ms from another process. Then, `--pairs` times in
turn, probes it alone for `--alone` seconds and under a storm: `--clients` concurrent requests
of `--aliases` aliased full introspections (graphql-core's query, as GraphiQL sends it),
`--rounds` times. Prints the answers' statuses and codes, /healthz p50/p99/max alone and under
the storm (the machine's own figures beside the storm's, taken in the same minute), the
server's CPU time per storm request and the load average; `--record FILE` writes it as
Markdown too (bench/results/).
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
from dataclasses import dataclass, field
from typing import Any

import httpx
from graphql import get_introspection_query

from bzpeer_graphql.db.local import free_port

#: the bound on the whole run
DEADLINE_S = 300.0


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
    """Asks /healthz every 10 ms until `stop` is set; puts (latencies in ms, monotonic times)."""
    latencies: list[float] = []
    moments: list[float] = []
    with httpx.Client(base_url=base, timeout=60) as http:
        while not stop.is_set():
            started = time.perf_counter()
            at = time.monotonic()
            answer = http.get("/healthz")
            assert answer.status_code == 200
            latencies.append((time.perf_counter() - started) * 1000)
            moments.append(at)
            time.sleep(0.01)
    results.put((latencies, moments))


def cpu_seconds(pid: int) -> float:
    """User and system CPU seconds of process `pid` and its descendants, from /proc."""
    parents: dict[int, int] = {}
    times: dict[int, float] = {}
    ticks = os.sysconf("SC_CLK_TCK")
    for entry in os.listdir("/proc"):
        if not entry.isdigit():
            continue
        try:
            with open(f"/proc/{entry}/stat") as stat:
                fields = stat.read().rsplit(")", 1)[1].split()
        except OSError:
            continue  # ended meanwhile
        parents[int(entry)] = int(fields[1])
        times[int(entry)] = (int(fields[11]) + int(fields[12])) / ticks
    tree, pending = {pid}, [pid]
    while pending:
        parent = pending.pop()
        for child, of in parents.items():
            if of == parent and child not in tree:
                tree.add(child)
                pending.append(child)
    return sum(times.get(member, 0.0) for member in tree)


@dataclass
class Figures:
    """What one run measured."""

    outcomes: Counter[tuple[int, str]] = field(default_factory=Counter)
    alone: list[float] = field(default_factory=list)
    storm: list[float] = field(default_factory=list)
    storm_seconds: list[float] = field(default_factory=list)
    cpu_seconds: float = 0.0
    requests: int = 0
    load: list[tuple[float, float, float]] = field(default_factory=list)

    def lines(self, options: argparse.Namespace) -> list[str]:
        """The figures as Markdown lines."""
        cpu_ms = 1000 * self.cpu_seconds / max(self.requests, 1)
        loads = ", ".join(" ".join(f"{x:.2f}" for x in load) for load in self.load)
        return [
            f"- {options.pairs} pairs of {options.alone:g} s of /healthz alone, then "
            f"{options.clients} clients x {options.rounds} x {options.aliases} aliases "
            f"({'a new text per request' if options.unique else 'the same text'}); "
            f"`serve --workers {options.workers}`",
            f"- load average (1, 5, 15 min) before, between the pairs and after: {loads}",
            f"- answers: {dict(self.outcomes)}; each storm took "
            f"{', '.join(f'{s:.2f}' for s in self.storm_seconds)} s",
            f"- server CPU under the storms: {self.cpu_seconds:.2f} s, {cpu_ms:.1f} ms a request",
            "",
            "| /healthz | probes | p50 ms | p99 ms | max ms |",
            "| --- | ---: | ---: | ---: | ---: |",
            *(
                f"| {name} | {len(values)} | {percentile(values, 0.5):.1f} | "
                f"{percentile(values, 0.99):.1f} | {max(values):.1f} |"
                for name, values in (("alone", self.alone), ("under the storm", self.storm))
                if values
            ),
        ]


async def storm(base: str, server: int, options: argparse.Namespace) -> Figures:
    """The pairs of quiet and storm, with /healthz probed from another process (this one
    decodes answers)."""
    figures = Figures(load=[os.getloadavg()])
    stop = multiprocessing.Event()
    results: Any = multiprocessing.Queue()
    prober = multiprocessing.Process(target=probe, args=(base, stop, results))
    prober.start()
    windows: list[tuple[str, float, float]] = []
    async with httpx.AsyncClient(base_url=base, timeout=60) as http:

        async def client(n: int, pair: int) -> None:
            for r in range(options.rounds):
                salt = (pair * options.clients + n) * options.rounds + r
                text = aliased(options.aliases, salt if options.unique else 0)
                answer = await http.post("/graphql", json={"query": text})
                head = answer.content[:20]
                errors = answer.json()["errors"] if head.startswith(b'{"data":null') else None
                code = errors[0]["extensions"]["code"] if errors else "answered"
                figures.outcomes[(answer.status_code, code)] += 1

        for pair in range(options.pairs):
            began = time.monotonic()
            await asyncio.sleep(options.alone)
            windows.append(("alone", began, time.monotonic()))
            cpu_before = cpu_seconds(server)
            began = time.monotonic()
            await asyncio.gather(*(client(n, pair) for n in range(options.clients)))
            ended = time.monotonic()
            figures.cpu_seconds += cpu_seconds(server) - cpu_before
            figures.requests += options.clients * options.rounds
            figures.storm_seconds.append(ended - began)
            windows.append(("storm", began, ended))
            figures.load.append(os.getloadavg())
    stop.set()
    latencies, moments = results.get(timeout=30)
    prober.join(timeout=30)
    for ms, at in zip(latencies, moments, strict=True):
        for name, began, ended in windows:
            if began <= at < ended:
                (figures.alone if name == "alone" else figures.storm).append(ms)
    return figures


def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__)
    parser.add_argument("--clients", type=int, default=20)
    parser.add_argument("--aliases", type=int, default=30)
    parser.add_argument("--rounds", type=int, default=1)
    parser.add_argument("--workers", type=int, default=2)
    parser.add_argument("--pairs", type=int, default=5, help="quiet windows and storms, in turn")
    parser.add_argument("--unique", action="store_true", help="a new text per request")
    parser.add_argument(
        "--alone", type=float, default=2.0, help="seconds of /healthz probes before each storm"
    )
    parser.add_argument("--record", help="also write the figures as Markdown to this file")
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
        figures = asyncio.run(asyncio.wait_for(_run(base, server.pid, options), DEADLINE_S))
    finally:
        server.terminate()
        server.wait(timeout=30)
    lines = figures.lines(options)
    print("\n".join(lines))
    if options.record:
        when = time.strftime("%Y-%m-%d %H:%M UTC", time.gmtime())
        head = [f"# An introspection storm and /healthz, {when}", ""]
        with open(options.record, "a") as out:
            out.write("\n".join([*head, *lines, "", ""]))


async def _run(base: str, server: int, options: argparse.Namespace) -> Figures:
    async with httpx.AsyncClient(base_url=base, timeout=2) as http:
        while True:  # until the server answers (bounded by DEADLINE_S)
            try:
                if (await http.get("/healthz")).status_code == 200:
                    break
            except httpx.TransportError:
                await asyncio.sleep(0.2)
    return await storm(base, server, options)


if __name__ == "__main__":
    main()
