"""`bench/micro`: what one Cypher round trip and one returned field cost, without HTTP.

Over a Neo4j holding a graph (`--uri`, NEO4J_USER, NEO4J_PASSWORD; e.g. the synthetic 10k one
`bzpeer-graphql load` put there), times `RETURN 1` and a real loader query (a researcher's
coauthors) run as a managed transaction (`execute_query`, `execute_read`), as an auto-commit
`session.run`, and through the project's own `Database.read`; then runs a few bench questions
in-process through the schema and reports Python µs per returned field (wall time minus the time
Neo4j reported, over the leaves of the answer). Prints one table; times are medians.
"""

from __future__ import annotations

import argparse
import asyncio
import os
import random
import statistics
import time
from collections.abc import Awaitable, Callable
from dataclasses import replace
from functools import partial
from typing import Any

from neo4j import READ_ACCESS, Query, RoutingControl

from bench.question import FLOOR_DIR
from bench.questions import QUESTIONS
from bzpeer_graphql.context import Context
from bzpeer_graphql.db import cypher
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.settings import Settings

IN_PROCESS = ("profile", "coauthors", "works", "paper")


async def _medians_ms(
    calls: dict[str, Callable[[], Awaitable[Any]]], repeat: int
) -> dict[str, float]:
    """Median ms of each call, the calls taking turns so that noise falls on all alike."""
    times: dict[str, list[float]] = {way: [] for way in calls}
    for i in range(repeat + 20):
        for way, call in calls.items():
            started = time.perf_counter()
            await call()
            if i >= 20:
                times[way].append((time.perf_counter() - started) * 1000)
    return {way: statistics.median(found) for way, found in times.items()}


def _ways(db: Database, text: str, params: dict[str, Any]) -> dict[str, Callable[[], Any]]:
    driver, name = db.driver, db.database

    async def managed() -> Any:
        return await driver.execute_query(
            Query(text, timeout=30), params, routing_=RoutingControl.READ, database_=name
        )

    async def read_tx() -> Any:
        async def work(tx: Any) -> Any:
            result = await tx.run(text, params)
            return await result.to_eager_result()

        async with driver.session(database=name, default_access_mode=READ_ACCESS) as session:
            return await session.execute_read(work)

    async def auto_commit() -> Any:
        async with driver.session(database=name, default_access_mode=READ_ACCESS) as session:
            result = await session.run(Query(text, timeout=30), params)
            return await result.to_eager_result()

    return {
        "execute_query (managed)": managed,
        "execute_read (managed)": read_tx,
        "session.run (auto-commit)": auto_commit,
    }


async def round_trips(db: Database, researcher: str, repeat: int) -> list[tuple[str, str, float]]:
    """(query, way, median ms) of each way of running each query."""
    coauthors = {
        "keys": [{"id": researcher, "first": 20, "after": None, "minShared": 1}],
        "limit": 21,
    }
    queries = {
        "RETURN 1": ("health/ping", {}),
        "researcher_coauthors": ("loaders/researcher_coauthors", coauthors),
    }
    out = []
    for label, (name, params) in queries.items():
        calls = _ways(db, cypher.load(name), params)
        calls["Database.read (the project's)"] = partial(db.read, name, params)
        for way, ms in (await _medians_ms(calls, repeat)).items():
            out.append((label, way, ms))
    return out


def _leaves(value: Any) -> int:
    if isinstance(value, dict):
        return sum(_leaves(v) for v in value.values())
    if isinstance(value, list):
        return sum(_leaves(v) for v in value)
    return 1


async def per_field(
    db: Database, settings: Settings, ids: dict[str, list[str]], repeat: int
) -> list[tuple[str, int, float, float, float]]:
    """(question, fields, median ms, median database ms, µs per field) of each question."""
    out = []
    for question in QUESTIONS:
        if question.name not in IN_PROCESS:
            continue
        pool = ids[question.pool]
        walls, dbs, fields = [], [], 0
        for i in range(repeat + 5):
            context = Context(db=db, settings=settings)
            started = time.perf_counter()
            result = await schema.execute(
                question.bzpeer,
                variable_values=question.params(pool[i % len(pool)]),
                context_value=context,
            )
            wall = (time.perf_counter() - started) * 1000
            assert not result.errors, result.errors
            if i >= 5:
                walls.append(wall)
                dbs.append(float(context.trips.db_ms))
                fields = max(fields, _leaves(result.data))
        wall_ms, db_ms = statistics.median(walls), statistics.median(dbs)
        out.append((question.name, fields, wall_ms, db_ms, (wall_ms - db_ms) * 1000 / fields))
    return out


async def run(uri: str, repeat: int, seed: int) -> None:
    settings = replace(
        Settings.from_env(),
        neo4j_uri=uri,
        neo4j_user=os.environ.get("NEO4J_USER", "neo4j"),
        neo4j_password=os.environ.get("NEO4J_PASSWORD", ""),
    )
    db = Database.connect(Connection.from_settings(settings))
    try:
        rows = await db.driver.execute_query(
            (FLOOR_DIR / "sample.cypher").read_text(),
            {"minWorks": 8, "minCiters": 3},
            database_=db.database,
            routing_=RoutingControl.READ,
        )
        pools = rows.records[0].data()
        rng = random.Random(seed)
        ids = {
            pool: rng.sample(sorted(found), k=min(10, len(found))) for pool, found in pools.items()
        }
        print(f"{'query':<22} {'way':<32} {'ms per round trip':>18}")
        for label, way, ms in await round_trips(db, ids["researchers"][0], repeat):
            print(f"{label:<22} {way:<32} {ms:>18.2f}")
        print()
        print(f"{'question':<12} {'fields':>7} {'ms':>8} {'db ms':>7} {'µs/field':>9}")
        for name, fields, wall, db_ms, us in await per_field(db, settings, ids, repeat // 10):
            print(f"{name:<12} {fields:>7} {wall:>8.1f} {db_ms:>7.1f} {us:>9.2f}")
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(prog="bench/micro", description=__doc__)
    parser.add_argument("--uri", default=os.environ.get("NEO4J_URI"), help="the Neo4j to use")
    parser.add_argument("--repeat", type=int, default=300, help="round trips per way")
    parser.add_argument("--seed", type=int, default=7, help="sample seed")
    args = parser.parse_args(argv)
    if not args.uri:
        parser.error("give --uri or NEO4J_URI (a Neo4j holding a loaded graph)")
    asyncio.run(run(args.uri, args.repeat, args.seed))
    return 0
