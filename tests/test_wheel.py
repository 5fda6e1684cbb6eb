"""The package as `python -m build` makes it (an sdist, then the wheel built from the sdist),
installed into a fresh virtual environment: it loads the seed data through `bzpeer-graphql load
seed` and serves GraphiQL and the explorer, built by npm in the package's build step."""

from __future__ import annotations

import os
import signal
import subprocess
import sys
import tarfile
import time
from collections.abc import Iterator
from pathlib import Path
from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.conftest import IN_CI, TEST_JWT_SECRET
from tests.helpers import CHECKOUT, wipe
from tests.test_explorer_browser import browser  # noqa: F401 (fixture)
from tests.test_graphiql_browser import run_at

#: the build (npm ci when the pages are stale) and the install of every dependency
INSTALL_TIMEOUT_S = 600


def step(command: list[str], cwd: Path, env: dict[str, str] | None = None) -> str:
    """Runs one step of the install; its output, or a failure (a skip off CI) saying why."""
    done = subprocess.run(
        command, cwd=cwd, env=env, capture_output=True, text=True, timeout=INSTALL_TIMEOUT_S
    )
    if done.returncode != 0:
        why = f"{' '.join(command[:4])} failed:\n{(done.stdout + done.stderr)[-3000:]}"
        if IN_CI:
            pytest.fail(why, pytrace=False)
        pytest.skip(why)
    return done.stdout


def outside_env(connection: Connection, **more: str) -> dict[str, str]:
    """An environment that cannot see this checkout: only the venv's own packages."""
    env = {
        k: v
        for k, v in os.environ.items()
        if not k.startswith(("NEO4J_", "BZPEER_", "PYTHON", "VIRTUAL_ENV"))
    }
    env.update(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        **more,
    )
    return env


@pytest.fixture(scope="module")
def venv(tmp_path_factory: pytest.TempPathFactory) -> Path:
    """A fresh venv with the wheel `python -m build` makes of this checkout (built from its
    sdist) installed in it (no -e)."""
    folder = tmp_path_factory.mktemp("wheel")
    # with the backend installed here (the test extra): no venv of its own for each of the two
    # builds (11 s of a loaded machine instead of 23; `pip wheel` took 16)
    step(
        [sys.executable, "-m", "build", "--no-isolation", "--outdir", "dist", str(CHECKOUT)], folder
    )
    [sdist] = (folder / "dist").glob("bzpeer_graphql-*.tar.gz")
    with tarfile.open(sdist) as archive:  # the pages, so that the wheel needs no Node.js
        pages = sorted(n.split("/", 1)[1] for n in archive.getnames() if "/explorer/dist/" in n)
    assert {"explorer/dist/index.html", "explorer/dist/graphiql.html"} <= set(pages)
    assert not [page for page in pages if page.endswith(".map")]
    [wheel] = (folder / "dist").glob("bzpeer_graphql-*.whl")
    # no pip of its own (ensurepip took 20 s of a loaded machine): this pip installs into it
    step([sys.executable, "-m", "venv", "--without-pip", "venv"], folder)
    pip = [sys.executable, "-m", "pip", "--python", str(folder / "venv/bin/python")]
    step(
        [*pip, "install", "-q", "--no-compile", "--disable-pip-version-check", f"{wheel}[serve]"],
        folder,
    )
    return folder / "venv"


@pytest.fixture(scope="module")
def served(venv: Path, connection: Connection, db: Database) -> Iterator[str]:
    """The installed command's `serve`, from a folder outside the checkout."""
    port = free_port()
    env = outside_env(connection, BZPEER_PORT=str(port), BZPEER_JWT_SECRET=TEST_JWT_SECRET)
    process = subprocess.Popen(
        [str(venv / "bin/bzpeer-graphql"), "serve", "--workers", "1", "--no-migrate"],
        cwd=venv.parent,
        env=env,
        text=True,
        stdout=subprocess.PIPE,
        stderr=subprocess.STDOUT,
    )
    base = f"http://127.0.0.1:{port}"
    try:
        deadline = time.monotonic() + 120
        while True:
            assert process.poll() is None, process.communicate()[0]
            try:
                httpx.get(f"{base}/healthz", timeout=1)
                break
            except httpx.TransportError:
                assert time.monotonic() < deadline, "the installed server did not start"
                time.sleep(0.2)
        yield base
    finally:
        process.send_signal(signal.SIGTERM)
        try:
            process.communicate(timeout=30)
        except subprocess.TimeoutExpired:
            process.kill()
            process.communicate()


async def test_installed_wheel_loads_the_seed_data_by_its_command(
    venv: Path, connection: Connection, db: Database
) -> None:
    await wipe(db)
    loaded = step(
        [str(venv / "bin/bzpeer-graphql"), "load", "seed"], venv.parent, outside_env(connection)
    )
    records, _, _ = await db.driver.execute_query(
        "MATCH (r:Researcher {id: 'gongfan-fang'})-[:AUTHORED]->(p:Paper) RETURN count(p) AS works"
    )
    assert [r["works"] for r in records] == [5]
    assert "loaded" in loaded.lower() or "records" in loaded.lower(), loaded


async def test_installed_wheel_serves_graphiql_and_the_explorer(served: str) -> None:
    async with httpx.AsyncClient(base_url=served, timeout=60) as http:
        graphiql = await http.get("/graphql", headers={"accept": "text/html"})
        explorer = await http.get("/explorer")
        script = await http.get("/explorer/assets/graphiql.js")
        answer = await http.post(
            "/graphql", json={"query": '{ researcher(id: "gongfan-fang") { name } }'}
        )
    assert graphiql.status_code == 200 and "<title>bzpeer GraphiQL</title>" in graphiql.text
    assert explorer.status_code == 200
    assert script.status_code == 200 and len(script.content) > 100_000
    assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}


async def test_installed_graphiql_runs_the_profile_example_in_a_browser(
    browser: Any,  # noqa: F811
    served: str,
) -> None:
    context = await browser.new_context(viewport={"width": 1400, "height": 900}, base_url=served)
    page = await context.new_page()
    errors: list[str] = []
    page.on("pageerror", lambda error: errors.append(str(error)))
    await page.goto("/graphql")
    await page.wait_for_selector(".graphiql-query-editor .CodeMirror-line")
    profile = await run_at(page, "query ProfilePage")
    await context.close()
    assert profile["data"]["researcher"]["name"] == "Gongfan Fang"
    assert profile["data"]["researcher"]["trust"]["score"] == 19
    assert errors == []
