"""The local Neo4j as `bzpeer-graphql neo4j start|stop|status` runs it."""

from __future__ import annotations

import ipaddress
import stat
from collections.abc import Iterator
from pathlib import Path

import pytest
from neo4j import GraphDatabase
from neo4j.exceptions import AuthError, ServiceUnavailable

from bzpeer_graphql.db.local import NEO4J_VERSION, free_port
from tests.helpers import cli_env, run_cli


@pytest.fixture(scope="module")
def home(tmp_path_factory: pytest.TempPathFactory) -> Path:
    return tmp_path_factory.mktemp("local-neo4j")


@pytest.fixture(scope="module")
def env(home: Path) -> Iterator[dict[str, str]]:
    environment = cli_env(
        BZPEER_NEO4J_HOME=str(home),
        BZPEER_NEO4J_PORT=str(free_port()),
        BZPEER_NEO4J_HEAP_MB="512",
        BZPEER_NEO4J_PAGECACHE_MB="64",
    )
    yield environment
    run_cli("neo4j", "stop", env=environment, cwd=home)


def listening_addresses(port: int) -> list[ipaddress.IPv4Address | ipaddress.IPv6Address]:
    """The local addresses with a listening TCP socket on `port`, from /proc/net/tcp{,6}."""
    found = []
    for table in ("/proc/net/tcp", "/proc/net/tcp6"):
        for line in Path(table).read_text().splitlines()[1:]:
            local, state = line.split()[1], line.split()[3]
            address, hex_port = local.split(":")
            if state != "0A" or int(hex_port, 16) != port:
                continue
            raw = bytes.fromhex(address)
            # /proc prints each 32-bit word in host (little-endian) order
            words = b"".join(raw[i : i + 4][::-1] for i in range(0, len(raw), 4))
            ip = ipaddress.ip_address(words)
            if isinstance(ip, ipaddress.IPv6Address) and ip.ipv4_mapped:
                ip = ip.ipv4_mapped
            found.append(ip)
    return found


def test_start_status_stop_keep_data(env: dict[str, str], home: Path) -> None:
    port = int(env["BZPEER_NEO4J_PORT"])
    uri = f"bolt://127.0.0.1:{port}"

    started = run_cli("neo4j", "start", env=env, cwd=home)
    assert started.returncode == 0, started.stderr
    assert started.stdout.strip().splitlines()[-1] == f"Neo4j running at {uri}"

    status = run_cli("neo4j", "status", env=env, cwd=home)
    assert "state:    running" in status.stdout
    assert f"uri:      {uri}" in status.stdout
    assert f"data dir: {home / 'data'}" in status.stdout
    assert f"version:  Neo4j {NEO4J_VERSION} Community" in status.stdout

    password = (home / "password").read_text().strip()
    assert len(password) >= 24
    assert stat.S_IMODE((home / "password").stat().st_mode) == 0o600
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        driver.execute_query("CREATE (:Marker {id: 'kept-across-restart'})")

    assert run_cli("neo4j", "stop", env=env, cwd=home).stdout.strip() == "Neo4j stopped"
    assert "state:    stopped" in run_cli("neo4j", "status", env=env, cwd=home).stdout
    with (
        GraphDatabase.driver(uri, auth=("neo4j", password)) as driver,
        pytest.raises(ServiceUnavailable),
    ):
        driver.verify_connectivity()

    assert run_cli("neo4j", "start", env=env, cwd=home).returncode == 0
    with GraphDatabase.driver(uri, auth=("neo4j", password)) as driver:
        records, _, _ = driver.execute_query("MATCH (m:Marker) RETURN m.id AS id")
    assert [r["id"] for r in records] == ["kept-across-restart"]


def test_bolt_listens_on_loopback_only(env: dict[str, str], home: Path) -> None:
    port = int(env["BZPEER_NEO4J_PORT"])
    assert run_cli("neo4j", "start", env=env, cwd=home).returncode == 0
    addresses = listening_addresses(port)
    assert addresses, "nothing listens on the Bolt port"
    assert all(ip.is_loopback for ip in addresses), addresses


def test_authentication_is_on(env: dict[str, str], home: Path) -> None:
    port = int(env["BZPEER_NEO4J_PORT"])
    assert run_cli("neo4j", "start", env=env, cwd=home).returncode == 0
    with (
        GraphDatabase.driver(
            f"bolt://127.0.0.1:{port}", auth=("neo4j", "not-the-password")
        ) as driver,
        pytest.raises(AuthError),
    ):
        driver.verify_connectivity()


def test_start_twice_reports_the_running_server(env: dict[str, str], home: Path) -> None:
    port = int(env["BZPEER_NEO4J_PORT"])
    assert run_cli("neo4j", "start", env=env, cwd=home).returncode == 0
    again = run_cli("neo4j", "start", env=env, cwd=home)
    assert again.returncode == 0
    assert again.stdout.strip() == f"Neo4j running at bolt://127.0.0.1:{port}"


def test_missing_java_is_a_one_line_error(tmp_path: Path) -> None:
    env = cli_env(
        PATH="/nonexistent",
        BZPEER_NEO4J_HOME=str(tmp_path / "h"),
        BZPEER_CACHE_DIR=str(tmp_path / "cache"),
        BZPEER_NEO4J_PORT=str(free_port()),
    )
    env.pop("JAVA_HOME", None)
    result = run_cli("neo4j", "start", env=env, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bzpeer-graphql: `java` not found: install Java 17")
    assert "NEO4J_URI" in lines[0] and "docker compose up" in lines[0]


def test_missing_maven_is_a_one_line_error(tmp_path: Path) -> None:
    java_dir = Path("/usr/bin")
    env = cli_env(
        PATH=str(tmp_path / "bin"),
        BZPEER_NEO4J_HOME=str(tmp_path / "h"),
        BZPEER_CACHE_DIR=str(tmp_path / "empty-cache"),
        BZPEER_NEO4J_PORT=str(free_port()),
    )
    (tmp_path / "bin").mkdir()
    for tool in ("java", "javac"):
        (tmp_path / "bin" / tool).symlink_to(java_dir / tool)
    env.pop("JAVA_HOME", None)
    result = run_cli("neo4j", "start", env=env, cwd=tmp_path)
    assert result.returncode == 1
    lines = result.stderr.strip().splitlines()
    assert len(lines) == 1
    assert lines[0].startswith("bzpeer-graphql: `mvn` not found: install Maven")
