"""Precision and recall of duplicate candidates on synthetic graphs with planted duplicates, and
the time of the candidate lists.

Each run generates `--papers` papers (one run per size and seed) with `--plant` duplicates (by
default one per 50 papers), as many namesake pairs and half as many mixed records, loads them into
an empty Neo4j, asks the root `duplicateCandidates` for every pair and prints precision and recall
per threshold (the default one marked). The database is NEO4J_URI (NEO4J_USER, NEO4J_PASSWORD),
which must be empty and is emptied between runs, or else a local Neo4j the benchmark starts.
With `--loaded TRUTH` it measures the graph NEO4J_URI already holds (loaded from `generate
--plant-duplicates K --truth TRUTH`) instead, and with `--timings N` it also times, in this
process, the root's first page and N researchers' candidates (p50 / p95 of the requests).

Usage: python -m bench.identity_quality --papers 5000,20000 --seeds 1,2,3
       python -m bench.identity_quality --loaded truth.json --timings 100
"""

from __future__ import annotations

import argparse
import asyncio
import json
import random
import statistics
import tempfile
import time
from collections.abc import AsyncIterator
from contextlib import asynccontextmanager
from dataclasses import replace
from pathlib import Path
from typing import Any

from bzpeer_graphql import embed
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.local import LocalNeo4j, free_port
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.identity.likeness import DEFAULT_MIN_SCORE
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.planted import write_planted
from bzpeer_graphql.ingest.seed import is_empty
from bzpeer_graphql.settings import Settings

ROOT = """query($after: String, $min: Float!, $first: Int) {
  duplicateCandidates(first: $first, after: $after, minScore: $min) {
  pageInfo { hasNextPage endCursor }
  edges { node { researcher { id } candidate { id } score evidence { reason weight } } } } }"""
ONE = """query($id: ID!) { researcher(id: $id) {
  duplicateCandidates { candidate { id name } score evidence { reason count weight } } } }"""
THRESHOLDS = (0.4, 0.45, 0.5, 0.55, 0.6)
PAGE = 20


async def _query(settings: Settings, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = await embed.execute(query, variables, settings=settings)
    if "errors" in body:
        raise SystemExit(f"query failed: {body['errors']}")
    data: dict[str, Any] = body["data"]
    return data


async def _all_pairs(settings: Settings) -> dict[frozenset[str], float]:
    pairs: dict[frozenset[str], float] = {}
    after = None
    for _ in range(100_000):
        page = (await _query(settings, ROOT, {"after": after, "min": 0.0, "first": 100}))[
            "duplicateCandidates"
        ]
        for edge in page["edges"]:
            node = edge["node"]
            pairs[frozenset((node["researcher"]["id"], node["candidate"]["id"]))] = node["score"]
        if not page["pageInfo"]["hasNextPage"]:
            break
        after = page["pageInfo"]["endCursor"]
    return pairs


def _quality(pairs: dict[frozenset[str], float], truth: dict[str, Any]) -> list[dict[str, Any]]:
    """Precision and recall of the pairs at each threshold."""
    actual = {frozenset(p) for p in truth["duplicates"]}
    rows = []
    for threshold in THRESHOLDS:
        predicted = {p for p, score in pairs.items() if score >= threshold}
        hits = len(predicted & actual)
        rows.append(
            {
                "threshold": threshold,
                "predicted": len(predicted),
                "true": hits,
                "precision": hits / len(predicted) if predicted else 1.0,
                "recall": hits / len(actual) if actual else 1.0,
            }
        )
    return rows


def _print_quality(label: str, rows: list[dict[str, Any]]) -> None:
    print(label)
    print("  threshold  predicted  true  precision  recall")
    for r in rows:
        mark = "  (default)" if r["threshold"] == DEFAULT_MIN_SCORE else ""
        print(
            f"  {r['threshold']:>9}  {r['predicted']:>9}  {r['true']:>4}  {r['precision']:>9.3f}"
            f"  {r['recall']:>6.3f}{mark}"
        )


async def _times(run: Any, times: int) -> list[float]:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        await run()
        taken.append((time.perf_counter() - started) * 1000)
    return taken


def _p(taken: list[float], q: float) -> float:
    ordered = sorted(taken)
    return ordered[min(len(ordered) - 1, int(q * len(ordered)))]


async def timings(settings: Settings, truth: dict[str, Any], sample: int) -> None:
    """Times the root's first page and `sample` researchers' candidates, one request each."""
    first = {"after": None, "min": DEFAULT_MIN_SCORE, "first": PAGE}
    await _query(settings, ROOT, first)  # warm the plan caches
    root = await _times(lambda: _query(settings, ROOT, first), 20)
    rng = random.Random(1)
    planted = [p[0] for p in truth["duplicates"]] + [p[0] for p in truth["namesakes"]]
    ids = rng.sample(planted, k=min(sample // 2, len(planted)))
    ids += [f"syn-r{rng.randrange(1000)}" for _ in range(sample - len(ids))]
    one: list[float] = []
    for researcher in ids:
        one += await _times(lambda r=researcher: _query(settings, ONE, {"id": r}), 1)
    print(
        f"root first page ({PAGE}): p50 {statistics.median(root):.0f} ms, p95 {_p(root, 0.95):.0f}"
        f" ms (20 requests); a researcher's candidates: p50 {statistics.median(one):.1f} ms, "
        f"p95 {_p(one, 0.95):.1f} ms ({len(one)} researchers, half of them planted)"
    )


@asynccontextmanager
async def database(settings: Settings) -> AsyncIterator[Settings]:
    """NEO4J_URI when set (it must be empty), else a local Neo4j started for the benchmark."""
    if settings.neo4j_uri:
        yield settings
        return
    with tempfile.TemporaryDirectory() as home:
        local = LocalNeo4j(
            Path(home), free_port(), cache_dir=settings.cache_dir, tx_timeout_s=600.0
        )
        status = local.start()
        try:
            yield replace(
                settings,
                neo4j_uri=status.uri,
                neo4j_user="neo4j",
                neo4j_password=local.password(),
            )
        finally:
            local.stop()


async def _load(settings: Settings, papers: int, seed: int, plant: int) -> dict[str, Any]:
    db = Database.from_settings(settings)
    try:
        if not await is_empty(db):
            raise SystemExit("the database must be empty: this benchmark loads its own graph")
        await migrate(db)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "graph.jsonl"
            counts, truth = write_planted(path, papers, seed, plant)
            started = time.perf_counter()
            await Loader(db).load(BzpeerFile(path))
            seconds = time.perf_counter() - started
    finally:
        await db.close()
    print(
        f"graph: {papers} papers (seed {seed}), {counts['researcher']} researchers; planted "
        f"{len(truth.duplicates)} duplicates, {len(truth.namesakes)} namesake pairs, "
        f"{len(truth.mixed)} mixed records; loaded and scored in {seconds:.0f} s"
    )
    return truth.as_json()


async def _empty(settings: Settings) -> None:
    db = Database.from_settings(settings)
    try:
        while (await db.write("admin/delete_some", {"limit": 1000}))[0]["deleted"]:
            pass
    finally:
        await db.close()


async def main(args: argparse.Namespace) -> None:
    # the first batch of a load plans every writer query: on a busy machine that takes a while
    settings = replace(Settings.from_env(), query_timeout_s=600.0)
    if args.loaded:
        truth = json.loads(Path(args.loaded).read_text())
        pairs = await _all_pairs(settings)
        _print_quality(f"graph in {settings.neo4j_uri}: {len(pairs)} pairs", _quality(pairs, truth))
        if args.timings:
            await timings(settings, truth, args.timings)
        await embed.close()
        return
    async with database(settings) as own:
        for papers in args.papers:
            for seed in args.seeds:
                plant = args.plant or papers // 50
                truth = await _load(own, papers, seed, plant)
                pairs = await _all_pairs(own)
                _print_quality(f"  {len(pairs)} pairs scored", _quality(pairs, truth))
                if args.timings:
                    await timings(own, truth, args.timings)
                await embed.close()
                await _empty(own)


def _ints(text: str) -> list[int]:
    return [int(part) for part in text.split(",")]


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--papers", type=_ints, default=[5000], help="sizes, e.g. 5000,20000")
    parser.add_argument("--seeds", type=_ints, default=[1], help="seeds, e.g. 1,2,3")
    parser.add_argument("--plant", type=int, default=0, help="duplicates (default papers/50)")
    parser.add_argument("--loaded", help="measure the graph loaded already; its truth file")
    parser.add_argument("--timings", type=int, default=0, help="researchers to time (0: none)")
    asyncio.run(main(parser.parse_args()))
