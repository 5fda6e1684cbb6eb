"""`bzpeer-graphql load` and `generate` as a user runs them."""

from __future__ import annotations

import gzip
import io
import json
from pathlib import Path

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.ingest.progress import ProgressReporter
from tests.helpers import cli_env, graph_counts, run_cli, wipe


def env_for(connection: Connection) -> dict[str, str]:
    return cli_env(
        NEO4J_URI=connection.uri, NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password
    )


async def test_load_prints_a_summary_and_skips_bad_records(
    db: Database, connection: Connection, tmp_path: Path
) -> None:
    await wipe(db)
    rows = [
        {"kind": "researcher", "id": "cli-r", "name": "Cli Researcher"},
        {"kind": "paper", "id": "cli-p", "title": "Loaded", "authors": ["cli-r"]},
        {"kind": "paper", "id": "cli-bad", "title": "Ghost", "authors": ["nobody"]},
    ]
    path = tmp_path / "small.jsonl"
    path.write_text("".join(json.dumps(row) + "\n" for row in rows))
    failed = run_cli("load", str(path), env=env_for(connection), cwd=tmp_path)
    assert failed.returncode == 1
    assert "bad record: line 3: refers to researcher 'nobody'" in failed.stderr
    assert await graph_counts(db) == {}

    loaded = run_cli("load", str(path), "--on-error", "skip", env=env_for(connection), cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    lines = loaded.stdout.splitlines()
    assert lines[:3] == [
        "  researchers: 1 created, 0 updated, 0 skipped",
        "       papers: 1 created, 0 updated, 1 skipped",
        "    bad lines: 1 skipped (0 not JSON, 1 with a wrong field or reference)",
    ]
    assert lines[3].startswith("3 input records in ")
    assert "skipped: line 3: refers to researcher 'nobody'" in loaded.stderr
    assert "load: 3/3 records (100%)" in loaded.stderr  # plain progress lines off a terminal
    # the paper has no year, so the writer labels it :Undated too
    assert await graph_counts(db) == {"Researcher": 1, "Paper": 1, "Undated": 1, "AUTHORED": 1}


def test_generate_is_deterministic_and_never_collides(tmp_path: Path) -> None:
    env = cli_env()
    first, second = tmp_path / "a.jsonl", tmp_path / "b.jsonl.gz"
    out = run_cli(
        "generate", "--papers", "300", "--seed", "5", "--out", str(first), env=env, cwd=tmp_path
    )
    assert out.stdout.strip() == (
        f"wrote {first}: 2 institutions, 8 topics, 180 researchers, 208 affiliations, 300 papers"
    )
    run_cli(
        "generate", "--papers", "300", "--seed", "5", "--out", str(second), env=env, cwd=tmp_path
    )
    with gzip.open(second, "rt") as packed:
        assert first.read_text() == packed.read()
    records = [json.loads(line) for line in first.read_text().splitlines()]
    ids = [r.get("id") for r in records if "id" in r]
    assert all(i.startswith("syn-") for i in ids)
    authors = [len(r.get("authors", [])) for r in records if r["kind"] == "paper"]
    assert max(authors) >= 8 and min(authors) == 1  # a heavy tail, and solo papers


def test_progress_is_a_bar_on_a_terminal_and_lines_elsewhere() -> None:
    class Terminal(io.StringIO):
        def isatty(self) -> bool:
            return True

    tty, plain = Terminal(), io.StringIO()
    for stream in (tty, plain):
        reporter = ProgressReporter(stream, interval_s=0)
        reporter(0, 10)
        reporter(5, 10)
        reporter(10, 10)
    assert tty.getvalue().startswith("\r[###############               ] 5/10 records")
    assert tty.getvalue().endswith("\n")
    assert plain.getvalue().splitlines()[0].startswith("load: 5/10 records (50%), ")
    assert plain.getvalue().splitlines()[1].startswith("load: 10/10 records (100%), ")


def test_progress_without_a_known_total_counts_and_rates() -> None:
    plain = io.StringIO()
    reporter = ProgressReporter(plain, interval_s=0)
    reporter(0, 0)
    reporter(5, 0)
    reporter(9, 9)
    lines = plain.getvalue().splitlines()
    assert lines[0].startswith("load: 5 records, ") and lines[0].endswith(" records/s")
    assert lines[1].startswith("load: 9/9 records (100%), ")


async def test_generate_writes_openalex_works_that_load(
    connection: Connection, db: Database, tmp_path: Path
) -> None:
    await wipe(db)
    path = tmp_path / "works.jsonl.gz"
    env = env_for(connection)
    out = run_cli(
        "generate",
        "--papers",
        "300",
        "--seed",
        "5",
        "--format",
        "openalex",
        "--out",
        str(path),
        env=env,
        cwd=tmp_path,
    )
    assert out.stdout.strip() == f"wrote {path}: 300 works"
    with gzip.open(path, "rt") as lines:
        first = json.loads(next(lines))
    assert first["id"] == "https://openalex.org/syn-w0" and first["updated_date"]
    loaded = run_cli("load", str(path), "--format", "openalex", env=env, cwd=tmp_path)
    assert loaded.returncode == 0, loaded.stderr
    assert "       papers: 300 created, 0 updated, 0 skipped" in loaded.stdout.splitlines()
    counts = await graph_counts(db)
    assert (counts["Paper"], counts["Topic"], counts.get("Stub", 0)) == (300, 8, 0)


async def test_a_batch_past_the_query_timeout_is_a_clear_error(
    db: Database, connection: Connection, tmp_path: Path
) -> None:
    await wipe(db)
    path = tmp_path / "syn.jsonl"
    made = run_cli("generate", "--papers", "2000", "--out", str(path), env=cli_env(), cwd=tmp_path)
    assert made.returncode == 0, made.stderr
    # long enough to connect and migrate, far too short for one batch of 2000 papers
    env = {**env_for(connection), "BZPEER_QUERY_TIMEOUT": "0.2"}
    loaded = run_cli("load", str(path), "--batch-size", "2000", env=env, cwd=tmp_path)
    assert loaded.returncode == 1
    assert "Traceback" not in loaded.stderr
    last = loaded.stderr.strip().splitlines()[-1]
    assert last.startswith(
        "bzpeer-graphql: a transaction ran past BZPEER_QUERY_TIMEOUT (0.2 s); the batches"
        " committed before it stay"
    ), loaded.stderr
