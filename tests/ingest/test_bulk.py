"""`load --bulk`: the graph neo4j-admin builds equals the one the transactional writer builds."""

from __future__ import annotations

import asyncio
import gzip
import json
import re
from collections.abc import AsyncIterator, Callable, Iterator
from dataclasses import replace
from pathlib import Path
from typing import Any

import httpx
import pytest

import bench.question
from bench.contenders import Floor
from bench.questions import QUESTIONS
from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import LocalNeo4j, free_port
from bzpeer_graphql.ingest.bulk import build as bulk_build
from bzpeer_graphql.ingest.bulk.build import BulkRefused, _connection, build
from bzpeer_graphql.ingest.bzpeer import BzpeerFile
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.planted import write_planted
from bzpeer_graphql.ingest.records import to_json
from bzpeer_graphql.ingest.seed import seed_file
from bzpeer_graphql.ingest.snapshot import OpenAlexFile, OpenAlexSnapshot
from bzpeer_graphql.ingest.source import LoadError, Source
from bzpeer_graphql.settings import Settings
from tests.helpers import CHECKOUT as ROOT
from tests.helpers import cli_env, data, run_cli, wipe
from tests.ingest.test_topic_ranking import GRAPH as HUB_GRAPH
from tests.test_bench_questions import ASKED, bzpeer_variables

FIXTURES = Path(__file__).parent.parent / "fixtures" / "openalex"
REAL = FIXTURES / "real"
#: seconds a transaction of a load may take here (merges on a busy 2-core machine)
PATIENT_S = 600.0


#: what differs between two runs however equal their graphs: times, and the ids of the identity
#: events an import's merges record
_RUN_BOUND = ("at", "mergedAt")


def _same_every_run(value: Any) -> Any:
    if isinstance(value, str) and value.startswith("ev-"):
        return "ev-..."
    if isinstance(value, list):
        return [_same_every_run(v) for v in value]
    return value


async def census(db: Database) -> list[str]:
    """Every node (labels, properties) and relationship (ends, type, properties), sorted; times
    and identity event ids (which differ from run to run) masked."""
    nodes, _, _ = await db.driver.execute_query(
        "MATCH (n) RETURN labels(n) AS labels, properties(n) AS props"
    )
    rels, _, _ = await db.driver.execute_query(
        "MATCH (a)-[r]->(b) RETURN coalesce(a.id, a.path) AS a, type(r) AS type, "
        "coalesce(b.id, b.path) AS b, properties(r) AS props"
    )
    lines = []
    for record in [*nodes, *rels]:
        data: dict[str, Any] = record.data()
        if "labels" in data:
            data["labels"] = sorted(data["labels"])
        data = {k: _same_every_run(v) for k, v in data.items()}
        data["props"] = {
            k: "..." if k in _RUN_BOUND else _same_every_run(v) for k, v in data["props"].items()
        }
        lines.append(json.dumps(data, sort_keys=True, default=str))
    return sorted(lines)


def _part(folder: Path, entity: str, date: str, sources: list[Path]) -> None:
    part = folder / "data" / entity / f"updated_date={date}" / "part_000.gz"
    part.parent.mkdir(parents=True)
    with gzip.open(part, "wb") as out:
        for source in sources:
            out.write(source.read_bytes().rstrip(b"\n") + b"\n")


@pytest.fixture
def snapshot(tmp_path: Path) -> Path:
    """Both OpenAlex schema generations of one work and its people (versions in either order
    of the folders), the small fixture works, and merged_ids of authors and works."""
    root = tmp_path / "snapshot"
    _part(root, "works", "2025-06-11", [REAL / "works-2025.jsonl"])
    _part(root, "works", "2022-05-27", [REAL / "works-2022.jsonl", FIXTURES / "works.jsonl"])
    _part(root, "authors", "2022-03-09", [REAL / "authors-2022.jsonl"])
    _part(root, "authors", "2025-06-08", [REAL / "authors-2025.jsonl"])
    _part(root, "institutions", "2022-06-18", [REAL / "institutions-2022.jsonl"])
    _part(root, "institutions", "2025-06-17", [REAL / "institutions-2025.jsonl"])
    for entity, rows in {
        "authors": ["2024-01-02,A2004,A2003"],
        "works": ["2024-01-02,W1005,W1002"],
    }.items():
        folder = root / "data" / "merged_ids" / entity
        folder.mkdir(parents=True)
        with gzip.open(folder / "2024-01-02.csv.gz", "wt") as out:
            out.write("merge_date,id,merge_into_id\n" + "\n".join(rows) + "\n")
    return root / "data"


@pytest.fixture
def local(tmp_path: Path) -> Iterator[LocalNeo4j]:
    """A local Neo4j home of its own for the bulk build, stopped after the test."""
    home = LocalNeo4j(
        tmp_path / "bulk-home",
        free_port(),
        cache_dir=Settings.from_env(environ={}, env_file=None).cache_dir,
        heap_mb=512,
        pagecache_mb=64,
        tx_timeout_s=PATIENT_S,
    )
    yield home
    home.stop()


#: the line a bulk build logs as a step ends
STEP = r"bulk: [a-zA-Z0-9 :]+ \d+\.\d s \(CPU \d+\.\d s, load \d+\.\d\)"


async def _bulk_census(
    source: Source, local: LocalNeo4j, log: Callable[[str], None] = lambda line: None
) -> list[str]:
    await asyncio.to_thread(build, source, local, "skip", log, True)
    bulk = Database.connect(_connection(local))
    try:
        return await census(bulk)
    finally:
        await bulk.close()


def _later_snapshot(folder: Path) -> Path:
    """A later file of changed works: W1001 retitled without its second author, W1002 moved on
    a year (same authors), and a work not seen before."""
    works = [json.loads(line) for line in (FIXTURES / "works.jsonl").read_text().splitlines()[:2]]
    first, second = works
    first["updated_date"] = "2026-01-02"
    first["title"] = first["display_name"] = "Graphs for research discovery, revised"
    first["authorships"] = [
        a for a in first["authorships"] if a["author"]["id"] != ("https://openalex.org/A2002")
    ]
    second["updated_date"] = "2026-01-02"
    second["publication_year"] = 2020
    third = {**second, "id": "https://openalex.org/W1009", "doi": None, "ids": {}}
    path = folder / "later.jsonl"
    path.write_text("".join(json.dumps(w) + "\n" for w in (first, second, third)))
    return path


@pytest.fixture
async def slow_ok(db: Database, connection: Connection) -> AsyncIterator[Database]:
    """The test database (migrated), with room for a merge transaction on a busy machine."""
    patient = Database.connect(connection, timeout_s=PATIENT_S)
    yield patient
    await patient.close()


async def test_a_bulk_build_equals_the_transactional_load_and_takes_later_updates(
    slow_ok: Database, snapshot: Path, local: LocalNeo4j, tmp_path: Path
) -> None:
    db = slow_ok
    await wipe(db)
    await Loader(db, on_error="skip").load(OpenAlexSnapshot(snapshot))
    loaded = await census(db)
    built = await _bulk_census(OpenAlexSnapshot(snapshot), local)
    assert len(loaded) == 346
    assert [line for line in built if line not in loaded] == []
    assert [line for line in loaded if line not in built] == []
    # the transactional loader then applies a later file's changes to the bulk-built graph
    later = _later_snapshot(tmp_path)
    bulk = Database.connect(_connection(local), timeout_s=PATIENT_S)
    try:
        with pytest.raises(BulkRefused, match="is running: stop it first"):
            build(OpenAlexFile(later), local, log=lambda line: None)
        await Loader(bulk).load(OpenAlexFile(later))
        await Loader(db).load(OpenAlexFile(later))
        updated = await census(bulk)
        rows, _, _ = await bulk.driver.execute_query(
            "MATCH (p:Paper {id: 'W1001'}) RETURN p.title AS title, "
            "COLLECT { MATCH (r)-[:AUTHORED]->(p) RETURN r.id ORDER BY r.id } AS authors"
        )
    finally:
        await bulk.close()
    assert [r.data() for r in rows] == [
        {"title": "Graphs for research discovery, revised", "authors": ["A2001"]}
    ]
    assert updated != built
    transactional = await census(db)
    assert [line for line in updated if line not in transactional] == []
    assert [line for line in transactional if line not in updated] == []


def test_a_bad_record_in_fail_mode_builds_no_database(local: LocalNeo4j) -> None:
    with pytest.raises(LoadError, match="line 4: work: field id"):
        build(OpenAlexFile(FIXTURES / "works.jsonl"), local, log=lambda line: None)
    assert not (local.home / "data" / "databases" / "neo4j").exists()
    assert not (local.home / "bulk-work").exists()


def test_the_command_refuses_bulk_into_a_remote_server(tmp_path: Path) -> None:
    refused = run_cli(
        "load",
        str(ROOT / "seed_data" / "graph.jsonl"),
        "--bulk",
        env=cli_env(NEO4J_URI="bolt://127.0.0.1:1"),
        cwd=tmp_path,
    )
    assert refused.returncode == 1
    assert "--bulk builds the local Neo4j's database offline" in refused.stderr


def test_the_command_reports_references_to_nothing_and_builds_nothing(tmp_path: Path) -> None:
    rows = [
        {"kind": "researcher", "id": "cli-r", "name": "Cli Researcher"},
        {"kind": "paper", "id": "cli-p", "title": "Loaded", "authors": ["cli-r"]},
        {"kind": "paper", "id": "cli-bad", "title": "Ghost", "authors": ["nobody"]},
    ]
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    home = tmp_path / "home"
    failed = run_cli(
        "load", str(path), "--bulk", env=cli_env(BZPEER_NEO4J_HOME=str(home)), cwd=tmp_path
    )
    assert failed.returncode == 1
    assert "bad record: line 3: refers to researcher 'nobody'" in failed.stderr
    assert "no database was built" in failed.stderr
    assert not (home / "data" / "databases" / "neo4j").exists()


def test_the_command_leaves_neo4j_answering_for_serve_with_keep_running(tmp_path: Path) -> None:
    rows = [
        {"kind": "researcher", "id": "kept-r", "name": "Kept Researcher"},
        {"kind": "paper", "id": "kept-p", "title": "Served", "authors": ["kept-r"]},
    ]
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    port = free_port()
    local = LocalNeo4j(
        tmp_path / "home",
        port,
        cache_dir=Settings.from_env(environ={}, env_file=None).cache_dir,
    )
    env = cli_env(BZPEER_NEO4J_HOME=str(local.home), BZPEER_NEO4J_PORT=str(port))
    try:
        built = run_cli(
            "load", str(path), "--bulk", "--keep-running", env=env, cwd=tmp_path, timeout=900
        )
        assert built.returncode == 0, built.stderr
        assert f"the local Neo4j keeps running on bolt://127.0.0.1:{port}" in built.stdout
        assert local.status().running
        papers = asyncio.run(_papers(local))
    finally:
        local.stop()
    assert papers == [{"id": "kept-p", "title": "Served"}]


async def _papers(local: LocalNeo4j) -> list[dict[str, Any]]:
    db = Database.connect(_connection(local))
    try:
        rows, _, _ = await db.driver.execute_query(
            "MATCH (p:Paper) RETURN p.id AS id, p.title AS title ORDER BY id"
        )
        return [r.data() for r in rows]
    finally:
        await db.close()


@pytest.fixture
def seed_and_planted(tmp_path: Path) -> Path:
    """The seed data and a small synthetic graph with planted duplicates, in one file."""
    planted = tmp_path / "planted.jsonl"
    write_planted(planted, 300, 3, 20)
    both = tmp_path / "seed-and-planted.jsonl"
    both.write_bytes(seed_file().path.read_bytes() + planted.read_bytes())
    return both


async def test_a_bulk_built_graph_answers_every_bench_question_as_the_loaded_one(
    slow_ok: Database,
    settings: Settings,
    local: LocalNeo4j,
    seed_and_planted: Path,
    monkeypatch: pytest.MonkeyPatch,
    capsys: pytest.CaptureFixture[str],
) -> None:
    monkeypatch.setattr(bench.question, "WALK_PAGE", 3)  # walks to offset 7 in three pages
    db = slow_ok
    await wipe(db)
    await Loader(db).load(BzpeerFile(seed_and_planted))
    loaded = await census(db)
    capsys.readouterr()
    logged: list[str] = []
    built = await _bulk_census(BzpeerFile(seed_and_planted), local, logged.append)
    # the candidate pairs the build scored in its conversion are among what is equal
    pairs = [line for line in loaded if '"type": "DUPLICATE_CANDIDATE"' in line]
    assert len(pairs) == 37
    assert built == loaded
    # the long steps report progress with rate and ETA, and each step its wall and CPU time
    progress = capsys.readouterr().err
    done = r"^{}: (\d+)/\1 pairs \(100%\), [\d,]+ pairs/s, ETA 0s$"
    tried = re.search(done.format("pairs"), progress, re.M)
    scored = re.search(done.format("scoring"), progress, re.M)
    assert tried and scored and int(tried[1]) >= int(scored[1]) >= 37
    named = re.search(
        r"^name keys: (\d+)/\1 names \(100%\), [\d,]+ names/s, ETA 0s$", progress, re.M
    )
    rows, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher) WHERE r.name <> '' RETURN count(DISTINCT r.name) AS names"
    )
    # every distinct name is keyed once (ORCID merges after the import only remove records)
    assert named and int(named[1]) >= rows[0]["names"] > 0
    steps = [line.split(" ")[1].rstrip(":") for line in logged if re.fullmatch(STEP, line)]
    assert steps[:2] == ["read", "convert"] and "after" in steps and "import" in steps
    assert any(line.startswith("pairs: names cache ") for line in logged)
    bulk = Database.connect(_connection(local))
    app = create_app(
        replace(
            settings,
            neo4j_uri=local.uri,
            neo4j_password=local.password(),
            neo4j_database="neo4j",
            # the first request of each question plans its Cypher on a cold server (up to a
            # minute for the papers page at a load average of 25)
            query_timeout_s=PATIENT_S,
        )
    )
    transport = httpx.ASGITransport(app=app)
    asked = 0
    try:
        async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
            loaded_floor, built_floor = (
                Floor(db.driver, db.database),
                Floor(bulk.driver, "neo4j"),
            )
            for question in QUESTIONS:
                for node_id in ASKED[question.pool]:
                    expected, _ = await loaded_floor.ask(question, node_id)
                    assert expected, (question.name, node_id)
                    assert (await built_floor.ask(question, node_id))[0] == expected
                    variables = await bzpeer_variables(http, question, node_id)
                    answer = await data(http, question.bzpeer, variables)
                    assert question.from_bzpeer(answer) == expected, (question.name, node_id)
                    asked += 1
    finally:
        await app.state.runtime.close()
        await bulk.close()
    assert asked == sum(len(ASKED[q.pool]) for q in QUESTIONS) >= len(QUESTIONS)


#: ids given to two kinds in one file: the first record of an id keeps it
CLASHING = [
    {"kind": "researcher", "id": "r-1", "name": "Ada One"},
    {"kind": "topic", "id": "t-1", "name": "Topic One"},
    {
        "kind": "paper",
        "id": "p-1",
        "title": "Kept",
        "year": 2020,
        "authors": ["r-1"],
        "topics": [{"id": "t-1", "score": 0.5}],
    },
    {"kind": "topic", "id": "r-1", "name": "A topic under a researcher's id"},
    {
        "kind": "paper",
        "id": "t-1",
        "title": "A paper under a topic's id",
        "year": 2021,
        "authors": ["r-1"],
    },
    {
        "kind": "paper",
        "id": "p-2",
        "title": "Cites the refused one",
        "year": 2022,
        "authors": ["r-1"],
        "references": ["t-1"],
    },
]
CLASHES = [
    (4, "topic 'r-1' has the id of the researcher on line 1 (ids are unique across kinds)"),
    (5, "paper 't-1' has the id of the topic on line 2 (ids are unique across kinds)"),
    (6, "refers to paper 't-1', which is neither in the input nor in the graph"),
]


async def test_a_bulk_build_refuses_ids_of_two_kinds_as_the_transactional_load_does(
    slow_ok: Database, local: LocalNeo4j, tmp_path: Path
) -> None:
    path = tmp_path / "clashing.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in CLASHING))
    with pytest.raises(LoadError) as failure:
        build(BzpeerFile(path), local, log=lambda line: None)
    assert [(e.line, e.message) for e in failure.value.errors] == CLASHES
    assert not (local.home / "data" / "databases" / "neo4j").exists()
    await wipe(slow_ok)
    loaded = await Loader(slow_ok, on_error="skip").load(BzpeerFile(path))
    assert [(e.line, e.message) for e in loaded.errors] == CLASHES
    built = await asyncio.to_thread(build, BzpeerFile(path), local, "skip", lambda line: None, True)
    assert [(e.line, e.message) for e in built.errors] == CLASHES
    bulk = Database.connect(_connection(local))
    try:
        assert await census(bulk) == await census(slow_ok)
        rows, _, _ = await bulk.driver.execute_query(
            "MATCH (n) WHERE n.id IN ['r-1', 't-1'] RETURN n.id AS id, labels(n) AS labels "
            "ORDER BY id"
        )
    finally:
        await bulk.close()
    assert [r.data() for r in rows] == [
        {"id": "r-1", "labels": ["Researcher"]},
        {"id": "t-1", "labels": ["Topic"]},
    ]


async def test_a_bulk_build_ranks_topics_in_its_conversion_as_the_writer_does(
    slow_ok: Database, local: LocalNeo4j, tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    """The hub topic of tests/ingest/test_topic_ranking (200 papers, a tie across the 101st
    weight): DuckDB's ranking (sql/bulk/ranked.sql) equals the writer's, with the pass after
    the import that ranks what is left unranked turned off."""
    path = tmp_path / "hub.jsonl"
    path.write_text("".join(json.dumps(to_json(record)) + "\n" for record in HUB_GRAPH))
    await wipe(slow_ok)
    await Loader(slow_ok).load(BzpeerFile(path))
    loaded = await census(slow_ok)
    assert sum('"bestPapers": ["p000"' in line for line in loaded) == 1

    async def ranks_nothing(db: Database) -> int:
        return 0

    monkeypatch.setattr(bulk_build, "rank_topics", ranks_nothing)
    assert await _bulk_census(BzpeerFile(path), local) == loaded
