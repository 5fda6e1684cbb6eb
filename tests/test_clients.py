"""Real clients against a real `serve`: Apollo Client 4's normalised cache reads back exactly what
the server answered (two slices of one node, a profile asked twice, pages, errors), with no
warning in its development build."""

from __future__ import annotations

import json
import shutil
import subprocess
from pathlib import Path

import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.conftest import IN_CI
from tests.helpers import cli_env
from tests.test_serve import serving

CLIENTS = Path(__file__).resolve().parent / "clients"


def run_client(
    script: list[str], package: str, tmp_path: Path, connection: Connection
) -> subprocess.CompletedProcess[str]:
    """Runs `node SCRIPT... URL` in tests/clients against a real `serve` of the test database;
    without node or the npm package, a failure in CI and a skip elsewhere."""
    node = shutil.which("node")
    if node is None or not (CLIENTS / "node_modules" / package).is_dir():
        reason = "node or tests/clients/node_modules missing (cd tests/clients && npm ci)"
        if IN_CI:
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
    )
    with serving(["--workers", "1", "--no-migrate"], env, tmp_path) as served:
        return subprocess.run(
            [node, *script, f"{served.base}/graphql"],
            cwd=CLIENTS,
            capture_output=True,
            text=True,
            timeout=120,
        )


def test_apollo_client_caches_what_the_server_answers(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    run = run_client(
        ["--conditions=development", "apollo.mjs"], "@apollo/client", tmp_path, connection
    )
    assert run.stdout, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    failed = [line for line in lines if line.get("ok") is False]
    assert failed == [], failed
    assert lines[-1] == {"failed": 0}, run.stderr
    assert len(lines) == 10  # nine checks and the summary
    assert run.returncode == 0, run.stderr
