"""The /explorer page's build and serving, and GraphiQL's example operations."""

from __future__ import annotations

import json
import os
import re
from pathlib import Path

import httpx
import pytest
from starlette.applications import Starlette
from starlette.routing import Mount

from bzpeer_graphql import create_app
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.explorer import (
    SOURCES,
    STAMP,
    Explorer,
    ExplorerBuildError,
    ensure_built,
    explorer_routes,
)
from bzpeer_graphql.web.graphiql import examples, graphiql_page
from tests.conftest import IN_CI
from tests.helpers import data

GRAPHIQL_TEMPLATE = (
    "<!doctype html><title>GraphiQL</title>"
    '<script type="application/json" id="graphiql-examples">""</script>'
)


def fake_checkout(root: Path, *, built: bool) -> Explorer:
    """An explorer/ folder with every source, built (a page and its stamp) or not."""
    (root / "src").mkdir(parents=True)
    (root / "src" / "main.js").write_text("// page\n")
    for name in SOURCES[1:]:
        (root / name).write_text("{}\n")
    if built:
        (root / "dist" / "assets").mkdir(parents=True)
        (root / "dist" / "index.html").write_text("<!doctype html><title>the page</title>")
        (root / "dist" / "graphiql.html").write_text(GRAPHIQL_TEMPLATE)
        (root / "dist" / "assets" / "explorer.js").write_text("/* bundle */")
        (root / "dist" / STAMP).write_text("{}")
    return Explorer(root)


async def get(explorer: Explorer, path: str) -> httpx.Response:
    app = Starlette(routes=explorer_routes(explorer))
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
        return await http.get(path)


async def test_the_built_page_and_its_assets_are_served(tmp_path: Path) -> None:
    explorer = fake_checkout(tmp_path / "explorer", built=True)
    page = await get(explorer, "/explorer")
    assert page.status_code == 200
    assert "<title>the page</title>" in page.text
    asset = await get(explorer, "/explorer/assets/explorer.js")
    assert (asset.status_code, asset.text) == (200, "/* bundle */")
    assert (await get(explorer, "/explorer/assets/missing.js")).status_code == 404


async def test_an_unbuilt_page_answers_503_saying_how_to_build_it(tmp_path: Path) -> None:
    explorer = fake_checkout(tmp_path / "explorer", built=False)
    page = await get(explorer, "/explorer")
    assert page.status_code == 503
    assert "bzpeer-graphql explorer build" in page.text
    assert (await get(explorer, "/explorer/assets/explorer.js")).status_code == 404


async def test_without_npm_the_page_says_to_install_node(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explorer = fake_checkout(tmp_path / "explorer", built=False)
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools-here"))
    page = await get(explorer, "/explorer")
    assert page.status_code == 503
    assert "npm was not found: install Node.js 18 or newer with npm" in page.text
    with pytest.raises(ExplorerBuildError, match="npm was not found"):
        explorer.build()


async def test_an_installation_without_sources_says_so() -> None:
    page = await get(Explorer(None), "/explorer")
    assert page.status_code == 503
    assert "neither the built pages nor their sources" in page.text


def test_graphiql_serves_its_build_with_the_examples_as_data(tmp_path: Path) -> None:
    page = graphiql_page(fake_checkout(tmp_path / "explorer", built=True))
    assert page.status_code == 200
    body = bytes(page.body).decode()
    found = re.search(r'id="graphiql-examples">(.*?)</script>', body)
    assert found is not None and json.loads(found.group(1)) == examples()
    assert "<" not in found.group(1)  # nothing in the data can end the element early


def test_an_unbuilt_graphiql_answers_503_saying_how_to_build_it(tmp_path: Path) -> None:
    page = graphiql_page(fake_checkout(tmp_path / "explorer", built=False))
    assert page.status_code == 503
    assert "bzpeer-graphql explorer build" in bytes(page.body).decode()


def test_the_page_is_stale_once_a_source_is_newer_than_the_build(tmp_path: Path) -> None:
    explorer = fake_checkout(tmp_path / "explorer", built=True)
    stamp = (tmp_path / "explorer" / "dist" / STAMP).stat().st_mtime
    for path in (tmp_path / "explorer").rglob("*"):
        if "dist" not in path.parts:
            os.utime(path, (stamp - 10, stamp - 10))
    assert explorer.is_current()
    os.utime(tmp_path / "explorer" / "src" / "main.js", (stamp + 10, stamp + 10))
    assert not explorer.is_current()


def test_the_checkout_page_builds_from_its_sources() -> None:
    """The real explorer/: `npm ci` and the bundler leave a current page with its assets."""
    explorer = Explorer.find()
    assert explorer.root is not None and explorer.dist is not None
    try:
        explorer.build(log=lambda line: None)
    except ExplorerBuildError as exc:
        if "npm was not found" in str(exc) and not IN_CI:
            pytest.skip(str(exc))
        raise
    assert explorer.is_current()
    assert (explorer.dist / "assets" / "explorer.js").stat().st_size > 100_000
    assert 'src="explorer/assets/explorer.js"' in (explorer.dist / "index.html").read_text()
    # GraphiQL from npm, bundled with its stylesheet: the page loads nothing from elsewhere
    graphiql = (explorer.dist / "graphiql.html").read_text()
    assert 'src="explorer/assets/graphiql.js"' in graphiql and "://" not in graphiql
    assert (explorer.dist / "assets" / "graphiql.js").stat().st_size > 500_000
    assert (explorer.dist / "assets" / "graphiql.css").is_file()


async def test_graphiql_opens_with_the_four_named_examples(client: httpx.AsyncClient) -> None:
    page = await client.get("/graphql", headers={"accept": "text/html"})
    assert page.status_code == 200
    assert "Welcome to GraphiQL" not in page.text
    for name in ("ProfilePage", "CoauthorsOfCoauthors", "Neighbourhood", "Search"):
        assert f"query {name} {{" in page.text


async def test_every_graphiql_example_runs_on_the_seed_data(
    client: httpx.AsyncClient, seeded: Database
) -> None:
    names = re.findall(r"^query (\w+) \{", examples(), flags=re.MULTILINE)
    assert names == ["ProfilePage", "CoauthorsOfCoauthors", "Neighbourhood", "Search"]
    answers = {}
    for name in names:
        response = await client.post("/graphql", json={"query": examples(), "operationName": name})
        body = response.json()
        assert "errors" not in body, (name, body)
        answers[name] = body["data"]
    profile = answers["ProfilePage"]["researcher"]
    assert profile["trust"] == {
        "score": 19,
        "label": "Unverified",
        "verificationLevel": 1,
        "claimStatus": "UNCLAIMED",
    }
    assert profile["counts"] == {"works": 5, "followers": 0, "topics": 4, "closeCollaborators": 4}
    assert profile["works"]["totalCount"] == 5
    slice_ = answers["Neighbourhood"]["neighbourhood"]
    assert slice_["center"] == {"entityId": "gongfan-fang", "label": "Gongfan Fang"}
    assert len(slice_["nodes"]) == 58
    people = answers["CoauthorsOfCoauthors"]["researcher"]["coauthorsOfCoauthors"]["edges"]
    assert people and all(not edge["direct"] for edge in people)
    found = answers["Search"]["search"]
    assert {"__typename": "Topic", "id": "knowledge-distillation"} in [
        {"__typename": hit["__typename"], "id": hit["id"]} for hit in found
    ]
    assert await data(client, "{ graphStats { papers } }") == {"graphStats": {"papers": 17}}


async def test_the_page_works_under_a_mount_prefix(settings: Settings) -> None:
    """Embedded under /research, the page and its assets answer there and it asks
    /research/graphql: every URL in it is relative."""
    explorer = Explorer.find()
    if explorer.page() is None:
        pytest.skip("the explorer page is not built")
    app = Starlette(routes=[Mount("/research", app=create_app(settings))])
    transport = httpx.ASGITransport(app=app)
    async with httpx.AsyncClient(transport=transport, base_url="http://bzpeer.test") as http:
        page = await http.get("/research/explorer")
        assert page.status_code == 200
        assert 'src="explorer/assets/explorer.js"' in page.text
        asset = await http.get("/research/explorer/assets/explorer.js")
        assert asset.status_code == 200
        assert 'new URL("graphql",document.baseURI)' in asset.text


def test_a_failed_rebuild_keeps_serving_the_page_built_before(
    tmp_path: Path, monkeypatch: pytest.MonkeyPatch
) -> None:
    explorer = fake_checkout(tmp_path / "explorer", built=True)
    stamp = tmp_path / "explorer" / "dist" / STAMP
    os.utime(stamp, (stamp.stat().st_mtime - 60, stamp.stat().st_mtime - 60))
    monkeypatch.setenv("PATH", str(tmp_path / "no-tools-here"))
    said: list[str] = []
    ensure_built(explorer, log=said.append)
    assert len(said) == 1
    assert said[0].startswith("explorer: not rebuilt, serving the page built before (")
    assert explorer.page() is not None
