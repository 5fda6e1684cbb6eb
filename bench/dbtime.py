"""Where the database time of `bench/load`'s mix goes: each query of the mix asked in-process
(no HTTP) with variables drawn as the mix draws them, one at a time, reporting per query the
wall time, this process's CPU, Neo4j's own time (`result_available_after` +
`result_consumed_after` of every round trip) and the round trips, then Neo4j's time per
request weighted by the mix. Under load the database runs out first, so this is the column to
bring down.

    NEO4J_URI=bolt://127.0.0.1:7701 NEO4J_PASSWORD=... python -m bench.dbtime [--requests 40]

The graph is whatever the database holds (`bench/run small` leaves the 10k one); run it twice
after a restart, as Neo4j's first queries also compile.
"""

from __future__ import annotations

import argparse
import asyncio
import random
import statistics
import time
from dataclasses import replace
from typing import Any

from bench import mix
from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.settings import Settings


async def _ask(
    settings: Settings, db: Database, query: str, variables: dict[str, Any]
) -> tuple[Any, Context]:
    context = Context(db=db, settings=settings)
    result = await schema.execute(query, variable_values=variables, context_value=context)
    assert not result.errors, result.errors
    return result.data, context


async def run(requests: int, seed: int) -> None:
    settings = replace(Settings.from_env(), planner=True)
    db = Database.from_settings(settings)
    try:

        async def post(query: str, variables: dict[str, Any]) -> Any:
            return (await _ask(settings, db, query, variables))[0]

        pools = await mix.sample(post)
        rng = random.Random(seed)
        print(f"{'query':22} {'weight':>6} {'wall p50':>9} {'cpu':>6} {'neo4j':>7} {'trips':>5}")
        weighted = 0.0
        for query in mix.MIX:
            drawn = [query.variables(pools, rng) for _ in range(requests)]
            for variables in drawn[:10]:  # untimed: plans and Neo4j's compiled queries
                await post(query.text, variables)
            walls, cpus, neo4j, trips = [], [], [], []
            for variables in drawn:
                wall, cpu = time.perf_counter(), time.process_time()
                _, context = await _ask(settings, db, query.text, variables)
                walls.append((time.perf_counter() - wall) * 1000)
                cpus.append((time.process_time() - cpu) * 1000)
                neo4j.append(context.trips.db_ms)
                trips.append(context.trips.queries)
            weighted += query.weight * statistics.mean(neo4j)
            print(
                f"{query.name:22} {query.weight:6d} {statistics.median(walls):9.1f} "
                f"{statistics.mean(cpus):6.1f} {statistics.mean(neo4j):7.1f} "
                f"{statistics.mean(trips):5.1f}"
            )
        total = sum(query.weight for query in mix.MIX)
        print(f"Neo4j ms per request of the mix (weighted): {weighted / total:.2f}")
    finally:
        await db.close()


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--requests", type=int, default=40, help="timed requests per query")
    parser.add_argument("--seed", type=int, default=7, help="seed of the variables drawn")
    options = parser.parse_args(argv)
    asyncio.run(run(options.requests, options.seed))
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
