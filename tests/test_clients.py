"""Real clients against a real `serve`: Apollo Client 4's normalised cache reads back exactly what
the server answered (two slices of one node, a profile asked twice, pages, errors), with no
warning in its development build; the Relay compiler takes the schema's connections and Relay's
store keeps every record's type; urql reads a profile, pages and coded errors."""

from __future__ import annotations

import json
import shutil
import subprocess
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.conftest import IN_CI
from tests.helpers import cli_env
from tests.test_serve import serving

CLIENTS = Path(__file__).resolve().parent / "clients"


def node_for(package: str) -> str:
    """node, with the npm PACKAGE installed in tests/clients; else a failure in CI, a skip
    elsewhere."""
    node = shutil.which("node")
    if node is None or not (CLIENTS / "node_modules" / package).is_dir():
        reason = "node or tests/clients/node_modules missing (cd tests/clients && npm ci)"
        if IN_CI:
            pytest.fail(f"CI=true: {reason}", pytrace=False)
        pytest.skip(reason)
    return node


@contextmanager
def serving_graphql(cwd: Path, connection: Connection) -> Iterator[str]:
    """A real `serve` of the test database (one worker): its /graphql."""
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
    )
    with serving(["--workers", "1", "--no-migrate"], env, cwd) as served:
        yield f"{served.base}/graphql"
    assert served.returncode == 0, served.output


def run_node(script: list[str], package: str, url: str) -> subprocess.CompletedProcess[str]:
    """Runs `node SCRIPT... URL` in tests/clients."""
    return subprocess.run(
        [node_for(package), *script, url],
        cwd=CLIENTS,
        capture_output=True,
        text=True,
        timeout=120,
    )


def run_client(
    script: list[str], package: str, tmp_path: Path, connection: Connection
) -> subprocess.CompletedProcess[str]:
    """Runs `node SCRIPT... URL` in tests/clients against a `serve` of its own."""
    node_for(package)
    with serving_graphql(tmp_path, connection) as url:
        return run_node(script, package, url)


@pytest.fixture(scope="module")
def api(
    tmp_path_factory: pytest.TempPathFactory, connection: Connection, seeded: Database
) -> Iterator[str]:
    """One `serve` of the seeded test database for the clients of this module."""
    with serving_graphql(tmp_path_factory.mktemp("serve"), connection) as url:
        yield url


def assert_checks(run: subprocess.CompletedProcess[str], checks: int) -> None:
    """The client script ran CHECKS checks and every one held."""
    assert run.stdout, run.stderr
    lines = [json.loads(line) for line in run.stdout.splitlines()]
    failed = [line for line in lines if line.get("ok") is False]
    assert failed == [], failed
    assert lines[-1] == {"failed": 0}, run.stderr
    assert len(lines) == checks + 1, lines
    assert run.returncode == 0, run.stderr


def test_apollo_client_caches_what_the_server_answers(api: str) -> None:
    run = run_node(["--conditions=development", "apollo.mjs"], "@apollo/client", api)
    assert_checks(run, 15)


def compile_relay() -> list[str]:
    """Runs the Relay compiler over tests/clients/relay against schema.graphql; the artifacts."""
    compiler = CLIENTS / "node_modules" / ".bin" / "relay-compiler"
    generated = CLIENTS / "relay" / "__generated__"
    shutil.rmtree(generated, ignore_errors=True)  # only what this run writes
    compiled = subprocess.run(
        [str(compiler)], cwd=CLIENTS, capture_output=True, text=True, timeout=60
    )
    assert compiled.returncode == 0, compiled.stdout + compiled.stderr
    return sorted(path.name for path in generated.glob("*.js"))


def test_relay_compiles_the_connections_and_its_store_keeps_every_record_type(api: str) -> None:
    node_for("relay-runtime")
    artifacts = compile_relay()
    run = run_node(["relay/store.mjs"], "relay-runtime", api)
    assert artifacts == [
        "ProfileQuery.graphql.js",
        "ProfileTrustQuery.graphql.js",
        "ProfileWorksBackwardQuery.graphql.js",
        "ProfileWorksQuery.graphql.js",
        "SliceQuery.graphql.js",
        "WorksBackwardPaginationQuery.graphql.js",
        "WorksBackward_researcher.graphql.js",
        "WorksForwardPaginationQuery.graphql.js",
        "WorksForward_researcher.graphql.js",
    ]
    assert_checks(run, 16)


def test_urql_reads_a_profile_pages_and_coded_errors(api: str) -> None:
    run = run_node(["urql.mjs"], "@urql/core", api)
    assert_checks(run, 6)
