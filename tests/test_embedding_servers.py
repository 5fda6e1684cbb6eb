"""README's embedding example is a real FastAPI host: run under uvicorn and hypercorn, it serves
the mounted API, its own typed route and its own sign-in, and closes the driver once at shutdown."""

from __future__ import annotations

import re
import signal
import subprocess
import sys
import time
from collections.abc import Iterator
from contextlib import contextmanager
from pathlib import Path

import httpx
import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.doc_pages import README
from tests.helpers import cli_env

pytest.importorskip("fastapi")


def readme_host() -> str:
    """The Python block after `<!-- embedding-example -->` in README.md."""
    found = re.search(
        r"<!-- embedding-example -->\n```python\n(.*?)^```", README.read_text(), re.M | re.S
    )
    assert found is not None, "README.md has no embedding example"
    return found.group(1)


def command(server: str, port: int) -> list[str]:
    if server == "uvicorn":
        return [
            sys.executable,
            "-m",
            "uvicorn",
            "host:app",
            "--host",
            "127.0.0.1",
            "--port",
            str(port),
        ]
    return [sys.executable, "-m", "hypercorn", "host:app", "--bind", f"127.0.0.1:{port}"]


@contextmanager
def hosted(server: str, connection: Connection, folder: Path) -> Iterator[tuple[str, list[str]]]:
    """The README's host under `server` until the block ends; then SIGINT, and its output."""
    (folder / "host.py").write_text(readme_host())
    # a .env the host must not read: it names a database that does not exist
    (folder / ".env").write_text("NEO4J_DATABASE=not-this-one\n")
    port = free_port()
    env = cli_env(
        NEO4J_URI=connection.uri, NEO4J_USER=connection.user, NEO4J_PASSWORD=connection.password
    )
    env["PYTHONPATH"] = f"{folder}:{env['PYTHONPATH']}"
    process = subprocess.Popen(
        command(server, port),
        cwd=folder,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    output: list[str] = []
    try:
        deadline = time.monotonic() + 60
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                httpx.get(f"{base}/api/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, f"{server} did not start"
                time.sleep(0.1)
        yield base, output
    finally:
        process.send_signal(signal.SIGINT)
        try:
            output.extend(process.communicate(timeout=30)[0].splitlines())
        except subprocess.TimeoutExpired:
            process.kill()
            output.extend(process.communicate()[0].splitlines())


@pytest.mark.parametrize("server", ["uvicorn", "hypercorn"])
def test_readme_host_serves_signs_in_and_closes_the_driver_once(
    server: str, connection: Connection, seeded: Database, tmp_path: Path
) -> None:
    pytest.importorskip(server)
    follow = """mutation { followResearcher(id: "gongfan-fang") {
        researcher { viewerFollows counts { followers } } } }"""
    unfollow = 'mutation { unfollowResearcher(id: "gongfan-fang") { researcher { id } } }'
    with (
        hosted(server, connection, tmp_path) as (base, output),
        httpx.Client(base_url=base, timeout=60) as web,
    ):
        typed = web.get("/researchers/gongfan-fang").json()
        missing = web.get("/researchers/nobody-at-all").json()
        anonymous = web.post("/api/graphql", json={"query": follow}).json()
        assert web.post("/login", params={"user": "host-user"}).json() == {"user": "host-user"}
        followed = web.post("/api/graphql", json={"query": follow}).json()
        seen = web.get("/researchers/gongfan-fang").json()
        web.post("/api/graphql", json={"query": unfollow})
        page = web.get("/api/graphql", headers={"accept": "text/html"})
    assert typed == {"name": "Gongfan Fang", "works": 5, "trust": "Unverified"}
    assert missing == {"found": False}
    assert anonymous["errors"][0]["extensions"]["code"] == "UNAUTHENTICATED"
    assert followed == {
        "data": {
            "followResearcher": {"researcher": {"viewerFollows": True, "counts": {"followers": 1}}}
        }
    }
    assert seen == {"name": "Gongfan Fang", "works": 5, "trust": "Unverified"}
    assert page.status_code in (200, 503)  # GraphiQL, or the page saying how to build it
    closed = [line for line in output if "Neo4j driver closed" in line]
    assert len(closed) == 1, "\n".join(output)
    assert not [line for line in output if "Traceback" in line], "\n".join(output)
