"""`python -m bench.analysts --uri bolt://...`: analysts' questions, each answered by one GraphQL
request and by the floor (`bench/floor/analysts/`, hand-written Cypher through the driver, the
institution rule written there apart from the server's fragments); the answers must be equal.
Prints requests, Cypher round trips and p50 milliseconds per question for both, side by side.

The ids come from the graph (the researcher with most works, the two largest topics and
institutions, the two most cited papers), so any bench graph serves.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.settings import Settings

FLOOR = Path(__file__).parent / "floor" / "analysts"
Rows = list[dict[str, Any]]


@dataclass(frozen=True)
class Question:
    """One question: its GraphQL, the floor file of the same name, and the shared shape."""

    name: str
    text: str
    graphql: str
    from_graphql: Callable[[dict[str, Any]], Any]
    from_floor: Callable[[Rows], Any]


def _groups(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(*(k["value"] for k in g["keys"]), g["count"]) for g in data["paperStats"]["groups"]]


def _pairs(rows: Rows, *names: str) -> list[tuple[Any, ...]]:
    return [tuple(row[n] for n in names) for row in rows]


QUESTIONS = [
    Question(
        "topic_years",
        "Works per year of a topic, 2010-2020, zero years included",
        """query($topic: ID!) { paperStats(filter: {topic: $topic, yearFrom: 2010, yearTo: 2020})
          { byYear { year count } } }""",
        lambda d: [(y["year"], y["count"]) for y in d["paperStats"]["byYear"]],
        lambda rows: _pairs(rows, "year", "count"),
    ),
    Question(
        "coauthoring_institutions",
        "The ten institutions a researcher's works count for most",
        """query($researcher: ID!) { paperStats(filter: {author: $researcher},
          groupBy: [INSTITUTION], groupFirst: 10) { groups { keys { value } count } } }""",
        _groups,
        lambda rows: _pairs(rows, "value", "count"),
    ),
    Question(
        "year_type",
        "A topic's works by year and type, the twenty largest cells",
        """query($topic: ID!) { paperStats(filter: {topic: $topic}, groupBy: [YEAR, TYPE],
          groupFirst: 20) { groups { keys { value } count } } }""",
        _groups,
        lambda rows: _pairs(rows, "year", "type", "count"),
    ),
    Question(
        "topic_authors",
        "The ten researchers with most works about a topic",
        """query($topic: ID!) { paperStats(filter: {topic: $topic}, groupBy: [AUTHOR],
          groupFirst: 10) { groups { keys { value } count } } }""",
        _groups,
        lambda rows: _pairs(rows, "value", "count"),
    ),
    Question(
        "institution_countries",
        "The countries an institution's works count for (its collaborators' countries)",
        """query($institution: ID!) { paperStats(filter: {institution: $institution},
          groupBy: [COUNTRY], groupFirst: 200) { groups { keys { value } count } } }""",
        _groups,
        lambda rows: _pairs(rows, "value", "count"),
    ),
    Question(
        "two_topics",
        "How many researchers have works about both of two topics",
        """query($topic: ID!, $topic2: ID!) { researchers(filter: {topicAllOf: [$topic, $topic2]})
          { totalCount } }""",
        lambda d: d["researchers"]["totalCount"],
        lambda rows: rows[0]["count"],
    ),
    Question(
        "citing_either",
        "How many papers cite either of two papers",
        """query($paper: ID!, $paper2: ID!) { papers(filter: {cites: [$paper, $paper2]})
          { totalCount } }""",
        lambda d: d["papers"]["totalCount"],
        lambda rows: rows[0]["count"],
    ),
    Question(
        "joint_institutions",
        "How many works count for both of two institutions",
        """query($institution: ID!, $institution2: ID!) { paperStats(filter:
          {institutionAllOf: [$institution, $institution2]}) { count } }""",
        lambda d: d["paperStats"]["count"],
        lambda rows: rows[0]["count"],
    ),
    Question(
        "h_index",
        "The ten people of an institution with the highest h-index",
        """query($institution: ID!) { researchers(filter: {institution: $institution},
          orderBy: H_INDEX_DESC, first: 10) { edges { node { id } } } }""",
        lambda d: [e["node"]["id"] for e in d["researchers"]["edges"]],
        lambda rows: [row["id"] for row in rows],
    ),
    Question(
        "type_mix",
        "The works counting for an institution per type",
        """query($institution: ID!) { paperStats(filter: {institution: $institution})
          { byType { type count } } }""",
        lambda d: sorted((t["type"], t["count"]) for t in d["paperStats"]["byType"]),
        lambda rows: sorted((row["type"].upper().replace("-", "_"), row["count"]) for row in rows),
    ),
]

PICK = """
CALL () { MATCH (r:Researcher) RETURN r.id AS researcher
  ORDER BY COUNT { (r)-[:AUTHORED]->() } DESC, r.id LIMIT 1 }
CALL () { MATCH (t:Topic) WITH t ORDER BY COUNT { (t)<-[:ABOUT]-() } DESC, t.id LIMIT 2
  RETURN collect(t.id) AS topics }
CALL () { MATCH (i:Institution) WITH i ORDER BY COUNT { (i)<-[:AFFILIATED_WITH]-() } DESC, i.id
  LIMIT 2 RETURN collect(i.id) AS institutions }
CALL () { MATCH (p:Paper) WITH p ORDER BY COUNT { (p)<-[:CITES]-() } DESC, p.id LIMIT 2
  RETURN collect(p.id) AS papers }
RETURN researcher, topics, institutions, papers
"""


async def _time(call: Callable[[], Any], runs: int) -> tuple[Any, float]:
    answer = await call()
    times = []
    for _ in range(runs):
        started = time.perf_counter()
        await call()
        times.append((time.perf_counter() - started) * 1000)
    return answer, statistics.median(times)


async def run(uri: str, runs: int) -> list[dict[str, Any]]:
    """Every question over the graph at `uri` (NEO4J_USER, NEO4J_PASSWORD)."""
    settings = Settings.from_env(env_file=None)
    connection = Connection(uri, settings.neo4j_user, settings.neo4j_password or "", "neo4j")
    db = Database.connect(connection, timeout_s=120)
    try:
        return await answers(db, settings, runs)
    finally:
        await db.close()


async def answers(db: Database, settings: Settings, runs: int) -> list[dict[str, Any]]:
    """Every question asked of `db` both ways, `runs` timed times each after one untimed."""
    records, _, _ = await db.driver.execute_query(PICK, database_=db.database)
    pick = records[0].data()
    ids = {
        "researcher": pick["researcher"],
        "topic": pick["topics"][0],
        "topic2": pick["topics"][1],
        "institution": pick["institutions"][0],
        "institution2": pick["institutions"][1],
        "paper": pick["papers"][0],
        "paper2": pick["papers"][1],
    }
    results = []
    for question in QUESTIONS:
        floor_text = (FLOOR / f"{question.name}.cypher").read_text()
        trips: list[int] = []

        async def ask(question: Question = question, trips: list[int] = trips) -> dict[str, Any]:
            context = Context(db=db, settings=settings, debug=True)
            result = await schema.execute(
                question.graphql, variable_values=ids, context_value=context
            )
            assert not result.errors, result.errors
            trips.append(context.trips.queries)
            assert result.data is not None
            return result.data

        async def floor(text: str = floor_text) -> Rows:
            records, _, _ = await db.driver.execute_query(text, ids, database_=db.database)
            return [r.data() for r in records]

        data, ms = await _time(ask, runs)
        rows, floor_ms = await _time(floor, runs)
        ours, theirs = question.from_graphql(data), question.from_floor(rows)
        results.append(
            {
                "question": question.name,
                "text": question.text,
                "equal": ours == theirs,
                "requests": 1,
                "trips": max(trips),
                "p50_ms": round(ms, 1),
                "floor_queries": 1,
                "floor_p50_ms": round(floor_ms, 1),
                "answer": ours if ours == theirs else {"graphql": ours, "floor": theirs},
            }
        )
    return results


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", required=True)
    parser.add_argument("--runs", type=int, default=10)
    options = parser.parse_args(argv)
    results = asyncio.run(run(options.uri, options.runs))
    print(
        "| question | equal | requests | trips | p50 ms | floor queries | floor p50 ms | vs floor |"
    )
    print("| --- | --- | ---: | ---: | ---: | ---: | ---: | ---: |")
    for r in results:
        ratio = r["p50_ms"] / r["floor_p50_ms"] if r["floor_p50_ms"] else 0
        print(
            f"| {r['question']} | {r['equal']} | {r['requests']} | {r['trips']} | {r['p50_ms']} | "
            f"{r['floor_queries']} | {r['floor_p50_ms']} | {ratio:.2f}x |"
        )
    unequal = [r for r in results if not r["equal"]]
    print(json.dumps(unequal, indent=1))
    return 0 if all(r["equal"] for r in results) else 1


if __name__ == "__main__":
    raise SystemExit(main())
