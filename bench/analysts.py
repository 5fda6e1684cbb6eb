"""`python -m bench.analysts --uri bolt://...`: analysts' questions (the examples of
docs/analysts.md, read from there), each answered by one GraphQL request and by the floor
(`bench/floor/analysts/`, hand-written Cypher through the driver, the institution rule written
there apart from the server's fragments); the answers must be equal.
Prints requests, Cypher round trips and p50 milliseconds per question for both, side by side.

The ids come from the graph (the researcher with most works, the two largest topics and
institutions, the two most cited papers), so any bench graph serves; the other variables
keep the defaults the examples give them, and the floor gets the same values.
"""

from __future__ import annotations

import argparse
import asyncio
import json
import re
import statistics
import time
from collections.abc import Callable
from dataclasses import dataclass
from pathlib import Path
from typing import Any

from graphql import OperationDefinitionNode, parse, value_from_ast_untyped

from bzpeer_graphql.context import Context
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.settings import Settings

FLOOR = Path(__file__).parent / "floor" / "analysts"
#: the questions, written once as the documentation's examples
DOCS = Path(__file__).parents[1] / "docs" / "analysts.md"
Rows = list[dict[str, Any]]
Shape = Callable[[Any], Any]


@dataclass(frozen=True)
class Question:
    """One question: its text (the heading), its GraphQL (the example below it, named), the
    floor file of its name, and how each answer is put in the shared shape."""

    name: str
    text: str
    graphql: str
    defaults: dict[str, Any]
    from_graphql: Shape
    from_floor: Shape


def _groups(data: dict[str, Any]) -> list[tuple[Any, ...]]:
    return [(*(k["value"] for k in g["keys"]), g["count"]) for g in data["paperStats"]["groups"]]


def _columns(*names: str) -> Shape:
    """A floor's rows as tuples of the columns `names`."""
    return lambda rows: [tuple(row[n] for n in names) for row in rows]


def _node_ids(root: str) -> Shape:
    return lambda data: [e["node"]["id"] for e in data[root]["edges"]]


def _total(root: str) -> Shape:
    return lambda data: data[root]["totalCount"]


def _count(rows: Rows) -> Any:
    return rows[0]["count"]


#: how each question's answers compare: (GraphQL's, the floor's), by the question's name
SHAPES: dict[str, tuple[Shape, Shape]] = {
    "topic_years": (
        lambda d: [(y["year"], y["count"]) for y in d["paperStats"]["byYear"]],
        _columns("year", "count"),
    ),
    "coauthoring_institutions": (_groups, _columns("value", "count")),
    "year_type": (_groups, _columns("year", "type", "count")),
    "topic_authors": (_groups, _columns("value", "count")),
    "institution_countries": (_groups, _columns("value", "count")),
    "two_topics": (_total("researchers"), _count),
    "citing_either": (_total("papers"), _count),
    "joint_institutions": (lambda d: d["paperStats"]["count"], _count),
    "h_index": (_node_ids("researchers"), lambda rows: [row["id"] for row in rows]),
    "type_mix": (
        lambda d: sorted((t["type"], t["count"]) for t in d["paperStats"]["byType"]),
        lambda rows: sorted((row["type"].upper().replace("-", "_"), row["count"]) for row in rows),
    ),
    "works_in_window": (_node_ids("researchers"), lambda rows: [row["id"] for row in rows]),
}


def documented(text: str) -> list[tuple[str, str]]:
    """Each `### heading` of `text` followed by a ```graphql block: (heading, the block)."""
    found = re.finditer(r"^### (.+?)\n(?:(?!^###).)*?^```graphql\n(.*?)^```", text, re.M | re.S)
    return [(m.group(1).strip(), m.group(2)) for m in found]


def _question(text: str, graphql: str) -> Question:
    operation = next(
        d for d in parse(graphql).definitions if isinstance(d, OperationDefinitionNode)
    )
    assert operation.name is not None, f"an analysts' example without a name: {text}"
    name = re.sub(r"(?<!^)(?=[A-Z])", "_", operation.name.value).lower()
    defaults = {
        v.variable.name.value: value_from_ast_untyped(v.default_value)
        for v in operation.variable_definitions or ()
        if v.default_value is not None
    }
    return Question(name, text, graphql, defaults, *SHAPES[name])


QUESTIONS = [_question(text, graphql) for text, graphql in documented(DOCS.read_text())]

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
        variables = {**question.defaults, **ids}
        floor_text = (FLOOR / f"{question.name}.cypher").read_text()
        trips: list[int] = []

        async def ask(
            question: Question = question,
            trips: list[int] = trips,
            variables: dict[str, Any] = variables,
        ) -> dict[str, Any]:
            context = Context(db=db, settings=settings, debug=True)
            result = await schema.execute(
                question.graphql, variable_values=variables, context_value=context
            )
            assert not result.errors, result.errors
            trips.append(context.trips.queries)
            assert result.data is not None
            return result.data

        async def floor(text: str = floor_text, variables: dict[str, Any] = variables) -> Rows:
            records, _, _ = await db.driver.execute_query(text, variables, database_=db.database)
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
