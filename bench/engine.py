"""Side by side in one process: the hot questions with the planner on and off, same queries, same
database, no HTTP. Prints ms per request (wall and this process's CPU), fields per answer, CPU
µs per returned field and Cypher round trips, and the ratios.

    NEO4J_URI=bolt://127.0.0.1:7701 NEO4J_PASSWORD=... python -m bench.engine [--papers 2000]

The database is wiped and loaded with the synthetic graph of `--papers` papers unless it
already holds exactly that graph (`--keep` skips the check).
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import time
from dataclasses import replace
from typing import Any

import orjson

from bench.neighbourhood import BZPEER as NEIGHBOURHOOD
from bench.question import FLOOR_DIR
from bench.questions import COAUTHORS_BZPEER, PAPER_BZPEER, PROFILE_BZPEER, WORKS_BZPEER
from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.source import numbered
from bzpeer_graphql.ingest.synthetic import generate
from bzpeer_graphql.settings import Settings

PAGE = """query($first: Int) { papers(first: $first) {
  edges { node { id title year } } pageInfo { endCursor } } }"""

#: name, query, the pool its id comes from, extra variables
QUESTIONS: list[tuple[str, str, str, dict[str, Any]]] = [
    ("profile", PROFILE_BZPEER, "researchers", {}),
    ("coauthors", COAUTHORS_BZPEER, "researchers", {}),
    ("works", WORKS_BZPEER, "researchers", {"from": 2005, "to": 2020}),
    ("paper", PAPER_BZPEER, "papers", {}),
    ("neighbourhood", NEIGHBOURHOOD, "researchers", {"limit": 25, "maxNodes": 500}),
    ("page1", PAGE, "none", {"first": 20}),
]


class _Items:
    """The synthetic graph's records, as a loader source."""

    self_contained = False

    def __init__(self, papers: int) -> None:
        self.papers = papers

    def redirects(self) -> dict[str, dict[str, str]]:
        return {}

    def records(self, loaded: Any = None) -> Any:
        return numbered(generate(self.papers, 7))

    def expected_records(self, loaded: Any = None) -> int | None:
        return None


def fields(value: Any) -> int:
    """Every key of every object in an answer: the fields it returns."""
    if isinstance(value, dict):
        return len(value) + sum(fields(v) for v in value.values())
    if isinstance(value, list):
        return sum(fields(v) for v in value)
    return 0


async def ask(settings: Settings, db: Database, query: str, variables: dict[str, Any]) -> Any:
    context = Context(db=db, settings=settings)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert not result.errors, result.errors
    body = orjson.dumps({"data": result.data})
    return result.data, context.trips.queries, context.planned, len(body)


async def measure(
    settings: Settings, db: Database, query: str, pool: list[dict[str, Any]], rounds: int
) -> dict[str, float]:
    walls: list[float] = []
    cpus: list[float] = []
    count = trips = 0
    planned = True
    for _ in range(rounds):
        for variables in pool:
            wall, cpu = time.perf_counter(), time.process_time()
            data, trips, used, _ = await ask(settings, db, query, variables)
            walls.append((time.perf_counter() - wall) * 1000)
            cpus.append((time.process_time() - cpu) * 1000)
            count += fields(data)
            planned = planned and used
    per_request = count / len(walls)
    return {
        "ms": statistics.median(walls),
        "cpu_ms": statistics.mean(cpus),
        "fields": per_request,
        "us_per_field": statistics.mean(cpus) * 1000 / max(per_request, 1),
        "trips": trips,
        "planned": planned,
    }


async def prepare(db: Database, papers: int, keep: bool) -> dict[str, list[str]]:
    stats = await db.read("loaders/graph_stats", {"keys": [0]})
    if not keep and stats[0]["papers"] != papers:
        await migrate(db)
        async with db.driver.session(database=db.database) as session:
            result = await session.run(
                "MATCH (n) CALL (n) { DETACH DELETE n } IN TRANSACTIONS OF 10000 ROWS"
            )
            await result.consume()
        await Loader(db, batch_size=2000).load(_Items(papers))
    records, _, _ = await db.driver.execute_query(
        (FLOOR_DIR / "sample.cypher").read_text(),
        {"minWorks": 8, "minCiters": 3},
        database_=db.database,
    )
    return dict(records[0].data())


def _row(name: str, label: str, m: dict[str, Any], tail: str) -> str:
    return (
        f"{name:14} {label:>7} {m['ms']:7.1f} {m['cpu_ms']:7.1f} {m['fields']:7.0f} "
        f"{m['us_per_field']:8.2f} {m['trips']:5d}{tail}"
    )


async def main(argv: list[str] | None = None) -> None:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=2000)
    parser.add_argument("--samples", type=int, default=5)
    parser.add_argument("--rounds", type=int, default=3)
    parser.add_argument("--keep", action="store_true", help="use the graph as it is")
    options = parser.parse_args(argv)
    settings = replace(Settings.from_env(), max_cost=10**8)
    db = Database.from_settings(settings)
    pools = await prepare(db, options.papers, options.keep)
    rng = random.Random(7)
    drawn = {
        name: rng.sample(sorted(ids), k=min(options.samples, len(ids)))
        for name, ids in pools.items()
    }
    on, off = replace(settings, planner=True), replace(settings, planner=False)
    print(
        f"{'question':14} {'planner':>7} {'ms':>7} {'cpu ms':>7} {'fields':>7} {'µs/field':>8} "
        f"{'trips':>5}   off/on: ms, cpu"
    )
    for name, query, pool_name, extra in QUESTIONS:
        ids = drawn.get(pool_name, [""])
        pool = [{"id": node_id, **extra} for node_id in ids]
        await measure(on, db, query, pool, 1)  # warm up: plans, caches, connections
        await measure(off, db, query, pool, 1)
        a = await measure(on, db, query, pool, options.rounds)
        b = await measure(off, db, query, pool, options.rounds)
        print(_row(name, "on", a, "" if a["planned"] else "   (not planned)"))
        ratios = f"   {b['ms'] / a['ms']:.2f}x, {b['cpu_ms'] / a['cpu_ms']:.2f}x"
        print(_row(name, "off", b, ratios))
    data, *_ = await ask(on, db, COAUTHORS_BZPEER, {"id": drawn["researchers"][0]})
    started = time.perf_counter()
    for _ in range(20):
        orjson.dumps(data)
    fast = (time.perf_counter() - started) / 20 * 1000
    started = time.perf_counter()
    for _ in range(20):
        json.dumps(data)
    slow = (time.perf_counter() - started) / 20 * 1000
    print(f"encoding one coauthors answer: json.dumps {slow:.2f} ms, orjson {fast:.2f} ms")
    await db.close()


if __name__ == "__main__":
    asyncio.run(main())
