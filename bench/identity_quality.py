"""Precision and recall of duplicate candidates on a synthetic graph with planted duplicates.

Generates `--papers` papers (seed `--seed`) with `--plant` duplicates, as many namesake pairs and
half as many mixed records, loads them into an EMPTY Neo4j (NEO4J_URI, NEO4J_USER,
NEO4J_PASSWORD), asks the root `duplicateCandidates` for every pair, and prints precision and
recall per threshold (the default one marked) and the time of the root's first page and of one
researcher's candidates. Usage: python -m bench.identity_quality --papers 5000 --plant 100
"""

from __future__ import annotations

import argparse
import asyncio
import statistics
import tempfile
import time
from pathlib import Path
from typing import Any

from bzpeer_graphql import embed
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.db.migrate import migrate
from bzpeer_graphql.duplicates import DEFAULT_MIN_SCORE
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.planted import write_planted
from bzpeer_graphql.ingest.seed import is_empty
from bzpeer_graphql.settings import Settings

ROOT = """query($after: String, $min: Float!, $first: Int) {
  duplicateCandidates(first: $first, after: $after, minScore: $min) {
  pageInfo { hasNextPage endCursor }
  edges { node { researcher { id } candidate { id } score } } } }"""
ONE = (
    """query($id: ID!) { researcher(id: $id) { duplicateCandidates { candidate { id } score } } }"""
)
THRESHOLDS = (0.3, 0.4, 0.45, 0.5, 0.55, 0.6, 0.7)


async def _query(settings: Settings, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    body = await embed.execute(query, variables, settings=settings)
    if "errors" in body:
        raise SystemExit(f"query failed: {body['errors']}")
    data: dict[str, Any] = body["data"]
    return data


async def _all_pairs(settings: Settings) -> dict[frozenset[str], float]:
    pairs: dict[frozenset[str], float] = {}
    after = None
    while True:
        page = (await _query(settings, ROOT, {"after": after, "min": 0.0, "first": 100}))[
            "duplicateCandidates"
        ]
        for edge in page["edges"]:
            node = edge["node"]
            pairs[frozenset((node["researcher"]["id"], node["candidate"]["id"]))] = node["score"]
        if not page["pageInfo"]["hasNextPage"]:
            return pairs
        after = page["pageInfo"]["endCursor"]


async def _ms(run: Any, times: int = 5) -> float:
    taken = []
    for _ in range(times):
        started = time.perf_counter()
        await run()
        taken.append((time.perf_counter() - started) * 1000)
    return statistics.median(taken)


async def main(papers: int, seed: int, plant: int) -> None:
    settings = Settings.from_env()
    db = Database.from_settings(settings)
    try:
        if not await is_empty(db):
            raise SystemExit("the database must be empty: this benchmark loads its own graph")
        await migrate(db)
        with tempfile.TemporaryDirectory() as tmp:
            path = Path(tmp) / "graph.jsonl"
            counts, truth = write_planted(path, papers, seed, plant)
            await Loader(db).load(BzpeerFile(path))
    finally:
        await db.close()
    print(
        f"graph: {papers} papers (seed {seed}), {counts['researcher']} researchers; planted "
        f"{len(truth.duplicates)} duplicates, {len(truth.namesakes)} namesake pairs, "
        f"{len(truth.mixed)} mixed records"
    )
    pairs = await _all_pairs(settings)
    actual = {frozenset(p) for p in truth.duplicates}
    print(f"candidate pairs scored above 0: {len(pairs)}")
    print("threshold  predicted  true  precision  recall")
    for threshold in THRESHOLDS:
        predicted = {p for p, score in pairs.items() if score >= threshold}
        hits = len(predicted & actual)
        precision = hits / len(predicted) if predicted else 1.0
        recall = hits / len(actual) if actual else 1.0
        mark = "  (default)" if threshold == DEFAULT_MIN_SCORE else ""
        print(
            f"{threshold:>9}  {len(predicted):>9}  {hits:>4}  {precision:>9.3f}  "
            f"{recall:>6.3f}{mark}"
        )
    first = {"after": None, "min": DEFAULT_MIN_SCORE, "first": 20}
    root_ms = await _ms(lambda: _query(settings, ROOT, first))
    one_ms = await _ms(lambda: _query(settings, ONE, {"id": truth.duplicates[0][0]}))
    print(
        f"root first page (20): {root_ms:.0f} ms; one researcher's candidates: {one_ms:.0f} ms "
        "(medians of 5)"
    )
    await embed.close()


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--papers", type=int, default=5000)
    parser.add_argument("--seed", type=int, default=1)
    parser.add_argument("--plant", type=int, default=100)
    args = parser.parse_args()
    asyncio.run(main(args.papers, args.seed, args.plant))
