"""`python -m bench.fixed_cost`: where the milliseconds of a small request go.

Over a Neo4j holding a bench graph (`--uri`, NEO4J_USER, NEO4J_PASSWORD), for the questions whose
answer is small (works, paper, profile) and for `{ __typename }`, the median of each way of asking,
the ways taking turns so that noise falls on all alike:

- `ping`: `RETURN 1` through the project's `Database.read` (one driver round trip);
- `floor`: the floor's hand-written Cypher through the driver (`execute_query`);
- `execute`: the operation through the schema in-process (parse and validation caches, plan
  lookup, the plan's round trips, completion), no HTTP;
- `asgi`: the same through the ASGI app in-process (endpoint checks, JSON in and out, headers,
  logs and metrics), no socket;
- `http`: the same through uvicorn on 127.0.0.1, a keep-alive client in the same process.

Each step's share is the difference to the one before; `db` is Neo4j's own time of the plan's
round trips as the driver reports it.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import socket
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from typing import Any

import httpx
import uvicorn
from neo4j import RoutingControl

from bench.question import FLOOR_DIR
from bench.questions import QUESTIONS
from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.app import create_app

SMALL = ("works", "paper", "profile")
WAYS = ("ping", "floor", "execute", "asgi", "http")


async def _medians(calls: dict[str, Callable[[], Awaitable[Any]]], repeat: int) -> dict[str, float]:
    times: dict[str, list[float]] = {way: [] for way in calls}
    for i in range(repeat + 20):
        for way, call in calls.items():
            started = time.perf_counter()
            await call()
            if i >= 20:
                times[way].append((time.perf_counter() - started) * 1000)
    return {way: statistics.median(found) for way, found in times.items()}


async def _ways(
    db: Database,
    settings: Settings,
    inside: httpx.AsyncClient,
    outside: httpx.AsyncClient,
    text: str,
    variables: dict[str, Any],
    floor: str,
    repeat: int,
) -> tuple[dict[str, float], float]:
    """The median ms of each way of asking one operation, and Neo4j's median ms in `execute`."""
    body = {"query": text, "variables": variables}
    db_ms: list[float] = []

    async def execute() -> None:
        context = Context(db=db, settings=settings)
        result = await schema.execute(text, variables, context_value=context)
        assert not result.errors, result.errors
        db_ms.append(float(context.trips.db_ms))

    calls: dict[str, Callable[[], Awaitable[Any]]] = {
        "ping": lambda: db.read("health/ping", {}),
        "floor": lambda: db.driver.execute_query(
            floor, variables, database_=db.database, routing_=RoutingControl.READ
        ),
        "execute": execute,
        "asgi": lambda: inside.post("/graphql", json=body),
        "http": lambda: outside.post("/graphql", json=body),
    }
    return await _medians(calls, repeat), statistics.median(db_ms)


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


async def run(uri: str, repeat: int, seed: int) -> None:
    settings = replace(
        Settings.from_env(),
        neo4j_uri=uri,
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD", ""),
    )
    db = Database.connect(Connection.from_settings(settings))
    app = create_app(settings)
    port = _free_port()
    server = uvicorn.Server(
        uvicorn.Config(app, host="127.0.0.1", port=port, log_level="warning", lifespan="on")
    )
    serving = asyncio.create_task(server.serve())
    while not server.started:
        await asyncio.sleep(0.05)
    inside = httpx.AsyncClient(transport=httpx.ASGITransport(app=app), base_url="http://bench")
    outside = httpx.AsyncClient(base_url=f"http://127.0.0.1:{port}")
    try:
        found = await db.driver.execute_query(
            (FLOOR_DIR / "sample.cypher").read_text(),
            {"minWorks": 8, "minCiters": 3},
            database_=db.database,
            routing_=RoutingControl.READ,
        )
        pools = found.records[0].data()
        rng = random.Random(seed)
        print(f"{'question':<10}" + "".join(f"{way:>9}" for way in WAYS) + f"{'db':>7}")
        for question in [q for q in QUESTIONS if q.name in SMALL] + [None]:
            if question is None:
                text, variables, floor = "{ __typename }", {}, "RETURN 1"
                label = "typename"
            else:
                pool = sorted(pools[question.pool])
                node_id = rng.choice(pool)
                text, variables = question.bzpeer, question.params(node_id)
                floor, label = question.floor_cypher(), question.name
            medians, db_ms = await _ways(
                db, settings, inside, outside, text, variables, floor, repeat
            )
            row = "".join(f"{medians[way]:>9.2f}" for way in WAYS)
            print(f"{label:<10}{row}{db_ms:>7.2f}", flush=True)
    finally:
        await inside.aclose()
        await outside.aclose()
        server.should_exit = True
        await serving
        await db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="python -m bench.fixed_cost", description=__doc__)
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="the Neo4j to use")
    parser.add_argument("--repeat", type=int, default=200, help="timed rounds of each way")
    parser.add_argument("--seed", type=int, default=7)
    args = parser.parse_args(argv)
    if not args.uri:
        parser.error("give --uri or NEO4J_URI (a Neo4j holding a bench graph)")
    asyncio.run(run(args.uri, args.repeat, args.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
