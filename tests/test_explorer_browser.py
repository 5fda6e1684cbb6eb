"""The /explorer page in headless Chromium, against a real `bzpeer-graphql serve` over the seed."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from contextlib import contextmanager
from pathlib import Path
from typing import Any
from xml.etree import ElementTree

import httpx
import pytest

from bench.explorer import chromium
from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.seed import load_seed
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from bzpeer_graphql.web.explorer import Explorer, ExplorerBuildError
from tests.conftest import IN_CI, TEST_JWT_SECRET
from tests.helpers import Records, cli_env, wipe
from tests.test_serve import serving

try:
    from playwright.async_api import Browser, Page, async_playwright
except ImportError:  # pragma: no cover - reported by the `browser` fixture
    async_playwright = None

ARTIFACTS = Path(__file__).resolve().parents[1] / "test-artifacts"
SEED = "gongfan-fang"


def no_browser(reason: str) -> None:
    """No browser to test with: a failure in CI, a skip on a developer's machine."""
    if IN_CI:
        pytest.fail(f"CI=true and no browser: {reason}", pytrace=False)
    pytest.skip(f"no browser: {reason}")


@contextmanager
def explorer_serve(
    tmp_path_factory: pytest.TempPathFactory, connection: Connection
) -> Iterator[str]:
    """`bzpeer-graphql serve` on a free port over the test database, the page built; its base
    URL."""
    try:
        Explorer.find().build(log=lambda line: None)
    except ExplorerBuildError as exc:
        no_browser(f"the explorer page could not be built: {exc}")
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        BZPEER_JWT_SECRET=TEST_JWT_SECRET,
    )
    with serving(["--no-migrate"], env, tmp_path_factory.mktemp("serve")) as served:
        yield served.base


async def plant(db: Database, records: list[Any]) -> Database:
    """The test database holding the seed and `records`."""
    await wipe(db)
    await load_seed(db)
    await Loader(db).load(Records(records))
    return db


def signed(user: str, *roles: str) -> str:
    """A token of the test secret for `user` (subject `u-<user>`)."""
    settings = Settings.from_env(environ={"BZPEER_JWT_SECRET": TEST_JWT_SECRET}, env_file=None)
    return mint(settings, f"u-{user}", user, roles=roles)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, connection: Connection, seeded: Database
) -> Iterator[str]:
    """`bzpeer-graphql serve` on a free port over the seeded test database, the page built."""
    with explorer_serve(tmp_path_factory, connection) as base:
        yield base


@pytest.fixture(scope="module")
async def browser() -> AsyncIterator[Browser]:
    if async_playwright is None:
        no_browser("the playwright package is not installed (pip install -e '.[test]')")
    if chromium() is None:
        no_browser("chromium is not on PATH (apt-get install chromium)")
    async with async_playwright() as playwright:
        from bench.explorer import launch

        launched = await launch(playwright)
        yield launched
        await launched.close()


@pytest.fixture
async def page(browser: Browser, server: str) -> AsyncIterator[Page]:
    context = await browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    opened = await context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened
    await context.close()
    assert errors == [], errors  # no uncaught exception in the page's own code


async def ready(page: Page, node_id: str) -> None:
    await page.wait_for_selector(
        f'body[data-state="ready"][data-center="{node_id}"]', timeout=60_000
    )


async def api(server: str, query: str, variables: dict[str, Any]) -> dict[str, Any]:
    async with httpx.AsyncClient(base_url=server) as http:
        body: dict[str, Any] = (
            await http.post("/graphql", json={"query": query, "variables": variables})
        ).json()
    assert "errors" not in body, body
    return body["data"]


async def slice_ids(
    server: str, node_id: str, depth: int, kinds: list[str] | None = None, per_node: int = 25
) -> list[str]:
    """The node ids the API gives for the slice the page asks (its default limits)."""
    found = await api(
        server,
        "query($id: ID!, $depth: Int!, $kinds: [NodeKind!], $perNode: Int!) { neighbourhood("
        "id: $id, depth: $depth, kinds: $kinds, limitPerNode: $perNode, maxNodes: 500)"
        " { nodes { id: entityId } } }",
        {"id": node_id, "depth": depth, "kinds": kinds, "perNode": per_node},
    )
    return sorted(node["id"] for node in found["neighbourhood"]["nodes"])


async def slice_edges(
    server: str, node_id: str, depth: int, per_node: int = 25, max_nodes: int = 500
) -> set[tuple[str, str, str]]:
    """The edges of a slice as (kind, one end, the other), a citation's ends in order."""
    found = await api(
        server,
        "query($id: ID!, $depth: Int!, $perNode: Int!, $max: Int!) { neighbourhood("
        "id: $id, depth: $depth, limitPerNode: $perNode, maxNodes: $max)"
        " { edges { source target kind } } }",
        {"id": node_id, "depth": depth, "perNode": per_node, "max": max_nodes},
    )
    return {edge_key(edge) for edge in found["neighbourhood"]["edges"]}


def edge_key(edge: dict[str, str]) -> tuple[str, str, str]:
    """One relation met from either end is one edge; a citation keeps its direction."""
    ends = (edge["source"], edge["target"])
    first, second = ends if edge["kind"] == "CITES" else sorted(ends)
    return (edge["kind"], first, second)


async def drawn_ids(page: Page) -> list[str]:
    ids: list[str] = await page.evaluate("() => window.bzpeerExplorer.nodeIds()")
    return sorted(ids)


async def text(page: Page, selector: str) -> str:
    return (await page.inner_text(selector)).strip()


async def click_node(page: Page, node_id: str, double: bool = False) -> None:
    """Clicks (or double-clicks) a node of the drawing where it is on screen, as a user would."""
    at = await page.evaluate("id => window.bzpeerExplorer.clientPosition(id)", node_id)
    assert at is not None, f"{node_id} is not drawn"
    await page.mouse.move(at["x"], at["y"])
    if double:
        await page.mouse.dblclick(at["x"], at["y"])
    else:
        await page.mouse.click(at["x"], at["y"])


async def test_search_opens_the_seed_profile_with_its_numbers_and_graph(
    page: Page, server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    await page.goto("/explorer")
    await page.fill("#search", "gong")
    await page.click(f'#suggestions li[data-id="{SEED}"]')
    await ready(page, SEED)
    assert page.url.endswith(f"/explorer?id={SEED}")
    assert await text(page, "#profile-name") == "Gongfan Fang"
    assert await text(page, "#affiliation") == "Affiliation not imported"
    assert await text(page, "#open-to-collaborate") == "Open to collaborate"
    assert await text(page, "#trust") == "Trust 19 - Unverified"
    assert await text(page, "#trust-level") == "Verification L1"
    assert await text(page, "#claim-status") == "Unclaimed author"
    counts = {
        name: await text(page, f"#count-{name}")
        for name in ("works", "followers", "topics", "close-collaborators")
    }
    assert counts == {"works": "5", "followers": "0", "topics": "4", "close-collaborators": "4"}
    assert await text(page, "#follow-button") == "Log in to follow 0"
    assert await text(page, "#claim-button") == "Log in to claim"
    assert await page.locator("#works-list li").count() == 5
    # the drawing holds exactly the slice the API gives: 25 nodes at depth 1
    drawn = await drawn_ids(page)
    assert drawn == await slice_ids(server, SEED, 1)
    assert len(drawn) == 25 and "xinchao-wang" in drawn and "knowledge-distillation" in drawn
    assert await page.evaluate("() => window.bzpeerExplorer.edgeCount()") == len(
        await slice_edges(server, SEED, 1)
    )
    kinds = await page.evaluate(
        "() => window.bzpeerExplorer.graph.mapNodes((id, a) => [a.kind, a.color])"
    )
    assert {tuple(pair) for pair in kinds} == {
        ("RESEARCHER", "#2563eb"),
        ("PAPER", "#ea580c"),
        ("TOPIC", "#16a34a"),
    }
    # drawn with WebGL: sigma's node layer is a WebGL canvas
    assert await page.evaluate(
        "() => !!window.bzpeerExplorer.sigma.getCanvases().nodes.getContext('webgl2')"
    )
    # hovering a node shows its label
    at = await page.evaluate("id => window.bzpeerExplorer.clientPosition(id)", "xinchao-wang")
    await page.mouse.move(at["x"], at["y"])
    await page.wait_for_selector("#tooltip:not([hidden])")
    assert (await text(page, "#tooltip strong")) == "Xinchao Wang"
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "explorer-gongfan-fang.png"
    await page.screenshot(path=str(shot))
    with capsys.disabled():
        print(f"\nscreenshot: {shot}")


TIMES = "\N{MULTIPLICATION SIGN}"


async def test_titles_typeset_and_truncation_names_its_limit(page: Page) -> None:
    await page.goto(f"/explorer?id={SEED}")
    await ready(page, SEED)
    # "Up to 100$\\times$ Faster ...": the works list typesets the math with KaTeX
    title = page.locator('#works-list li[data-id="arxiv-2112.06253"] h3')
    assert await title.locator(".katex").count() == 1
    assert await title.locator(".katex-html").inner_text() == TIMES
    assert "$" not in await title.inner_text() and "times" not in await title.inner_text()
    # the canvas cannot typeset: its label has the character instead
    label = await page.evaluate(
        "() => window.bzpeerExplorer.graph.getNodeAttribute('arxiv-2112.06253', 'label')"
    )
    assert label == f"Up to 100{TIMES} Faster Data-free Knowledge Distillation"
    assert "truncated" not in await text(page, "#graph-status")  # all 24 neighbours fit
    # depth 2 holds 58 nodes, far below 500: the per-node limit cut it, and the line says so
    await page.evaluate("() => { document.body.dataset.state = 'waiting'; }")
    await page.select_option("#depth", "2")
    await ready(page, SEED)
    assert (await text(page, "#graph-status")).endswith(
        "(truncated: only the 25 heaviest neighbours of each node are taken, so some were left out)"
    )
    # a slice as large as "Nodes at most" was cut by that limit (the seed graph has 62 nodes)
    note = await page.evaluate(
        "() => window.bzpeerExplorer.truncationNote("
        "{ truncated: true, nodes: new Array(100).fill({}) }, 100, 25)"
    )
    assert note == (
        " (truncated: the node limit, “Nodes at most” 100, cut the slice; raise it to see more)"
    )


async def test_double_clicking_a_coauthor_recentres_the_page(page: Page, server: str) -> None:
    await page.goto(f"/explorer?id={SEED}")
    await ready(page, SEED)
    await click_node(page, "xinchao-wang", double=True)
    await ready(page, "xinchao-wang")
    assert page.url.endswith("/explorer?id=xinchao-wang")
    assert await text(page, "#profile-name") == "Xinchao Wang"
    assert await drawn_ids(page) == await slice_ids(server, "xinchao-wang", 1)
    await page.go_back()
    await ready(page, SEED)
    assert await text(page, "#profile-name") == "Gongfan Fang"


async def test_the_depth_and_kind_controls_redraw_the_slice(page: Page, server: str) -> None:
    await page.goto(f"/explorer?id={SEED}")
    await ready(page, SEED)
    await page.evaluate("() => { document.body.dataset.state = 'waiting'; }")
    await page.select_option("#depth", "2")
    await ready(page, SEED)
    assert page.url.endswith(f"/explorer?id={SEED}&depth=2")
    drawn = await drawn_ids(page)
    assert len(drawn) == 58
    assert drawn == await slice_ids(server, SEED, 2)
    # leaving papers out asks the API for the other kinds only
    await page.evaluate("() => { document.body.dataset.state = 'waiting'; }")
    await page.uncheck('#kinds input[value="PAPER"]')
    await ready(page, SEED)
    assert page.url.endswith(f"/explorer?id={SEED}&depth=2&kinds=RESEARCHER,TOPIC,INSTITUTION")
    kinds = await page.evaluate("() => window.bzpeerExplorer.graph.mapNodes((id, a) => a.kind)")
    assert "PAPER" not in kinds and "RESEARCHER" in kinds
    assert await drawn_ids(page) == await slice_ids(
        server, SEED, 2, ["RESEARCHER", "TOPIC", "INSTITUTION"]
    )
    # depth 3 takes the 5 heaviest neighbours of each node, which the cost cap admits
    await page.evaluate("() => { document.body.dataset.state = 'waiting'; }")
    await page.select_option("#depth", "3")
    await ready(page, SEED)
    assert await drawn_ids(page) == await slice_ids(
        server, SEED, 3, ["RESEARCHER", "TOPIC", "INSTITUTION"], per_node=5
    )


async def test_an_unknown_id_says_not_found_and_errors_show_their_code(page: Page) -> None:
    await page.goto("/explorer?id=no-such-researcher")
    await page.wait_for_selector('body[data-state="not-found"]')
    assert await text(page, "#profile-name") == "Not found"
    assert "no-such-researcher" in await text(page, "#not-found")
    assert await page.evaluate("() => window.bzpeerExplorer.nodeIds().length") == 0
    await page.fill("#search", " ".join(f"word{i}" for i in range(17)))
    await page.wait_for_selector("#suggestions li.error")
    assert (await text(page, "#suggestions li.error")).startswith("BAD_USER_INPUT:")


async def test_tokens_refused_and_accepted_follow_and_claim(page: Page, server: str) -> None:
    await page.goto(f"/explorer?id={SEED}")
    await ready(page, SEED)
    await page.click("#token-toggle")
    await page.fill("#token-input", "not-a-token")
    await page.click("#token-form button[type=submit]")
    await ready(page, SEED)  # reads go on without the refused token
    assert await page.get_attribute("#error", "data-code") == "UNAUTHENTICATED"
    assert await text(page, "#count-followers") == "0"
    settings = Settings.from_env(environ={"BZPEER_JWT_SECRET": TEST_JWT_SECRET}, env_file=None)
    await page.click("#token-toggle")
    await page.fill("#token-input", mint(settings, "u-explorer", "explorer-tester"))
    await page.click("#token-form button[type=submit]")
    await ready(page, SEED)
    assert await text(page, "#token-toggle") == "Signed in: explorer-tester"
    assert await text(page, "#follow-button") == "Follow researcher 0"
    await page.click("#follow-button")
    await page.wait_for_selector('#follow-button[aria-pressed="true"]')
    assert await text(page, "#follow-button") == "Following 1"
    assert await text(page, "#count-followers") == "1"
    await page.click("#claim-button")
    await page.wait_for_selector("#claim-button:disabled:has-text('Claimed author')")
    assert await text(page, "#trust") == "Trust 50 - Claimed"  # 10·2 + 5 + 4 + 1 + 20
    assert await text(page, "#claim-status") == "Claimed author"
    # the page stored the token in this browser only, and reads it back on reload
    await page.reload()
    await ready(page, SEED)
    assert await text(page, "#follow-button") == "Following 1"


async def test_clicking_a_node_expands_it_in_place_merging_its_slice(
    page: Page, server: str
) -> None:
    await page.goto(f"/explorer?id={SEED}")
    await ready(page, SEED)
    await page.evaluate("() => { document.body.dataset.state = 'waiting'; }")
    await click_node(page, "xinchao-wang")
    await ready(page, SEED)  # still centred on the seed, the URL unchanged
    assert page.url.endswith(f"/explorer?id={SEED}")
    assert await page.evaluate("() => window.bzpeerExplorer.expanded") == ["xinchao-wang"]
    seed_ids = await slice_ids(server, SEED, 1)
    wang_ids = await slice_ids(server, "xinchao-wang", 1)
    merged = sorted(set(seed_ids) | set(wang_ids))
    assert (len(seed_ids), len(wang_ids), len(merged)) == (25, 26, 39)
    assert await drawn_ids(page) == merged
    edges = await slice_edges(server, SEED, 1) | await slice_edges(server, "xinchao-wang", 1)
    assert await page.evaluate("() => window.bzpeerExplorer.edgeCount()") == len(edges)
    assert (await text(page, "#graph-status")).startswith("Expanded Xinchao Wang: 14 nodes and")


SEED_PAPERS_BEFORE_2022 = {"arxiv-1912.11006", "arxiv-2007.05441"}


async def test_filters_hide_kinds_and_years_and_the_gexf_holds_what_is_shown(
    page: Page, server: str
) -> None:
    await page.goto(f"/explorer?id={SEED}")
    await ready(page, SEED)
    drawn = await drawn_ids(page)
    kinds = await slice_kinds(server, SEED)
    await page.uncheck('#filter-kinds input[value="TOPIC"]')
    visible = sorted(await page.evaluate("() => window.bzpeerExplorer.visibleIds()"))
    assert visible == sorted(i for i in drawn if kinds[i] != "TOPIC")
    assert await drawn_ids(page) == drawn  # hidden, not dropped: no request was sent
    assert await text(page, "#filter-count") == f"{len(visible)} of 25 shown"
    await page.fill("#year-from", "2022")
    visible = sorted(await page.evaluate("() => window.bzpeerExplorer.visibleIds()"))
    expected = sorted(i for i in drawn if kinds[i] != "TOPIC" and i not in SEED_PAPERS_BEFORE_2022)
    assert visible == expected and len(expected) == 25 - 4 - 2
    # GEXF: exactly the nodes shown, and the edges among them
    async with page.expect_download() as info:
        await page.click("#export-gexf")
    download = await info.value
    assert download.suggested_filename == f"{SEED}.gexf"
    root = ElementTree.parse(await download.path()).getroot()
    ns = {"g": "http://gexf.net/1.3"}
    assert sorted(n.get("id") for n in root.iterfind(".//g:node", ns)) == expected
    shown = set(expected)
    edges = {e for e in await slice_edges(server, SEED, 1) if {e[1], e[2]} <= shown}
    written = {
        edge_key({"kind": kind_of(e, ns), "source": e.get("source"), "target": e.get("target")})
        for e in root.iterfind(".//g:edge", ns)
    }
    assert written == edges
    # search within the graph marks the shown nodes whose label holds the words
    await page.fill("#find", "song")
    assert await text(page, "#find-count") == "2 found"
    # PNG: the drawing, not a blank image
    async with page.expect_download() as info:
        await page.click("#export-png")
    assert (await (await info.value).path()).read_bytes()[:8] == b"\x89PNG\r\n\x1a\n"
    blue = await page.evaluate(COUNT_BLUE)
    assert blue > 50  # researchers' blue pixels: the drawing, not a blank image


#: pixels of a researcher's blue in the page's PNG export
COUNT_BLUE = """async () => {
  const image = new Image();
  image.src = window.bzpeerExplorer.png();
  await image.decode();
  const canvas = document.createElement('canvas');
  canvas.width = image.width; canvas.height = image.height;
  const context = canvas.getContext('2d');
  context.drawImage(image, 0, 0);
  const data = context.getImageData(0, 0, image.width, image.height).data;
  let count = 0;
  for (let i = 0; i < data.length; i += 4) {
    const [r, g, b] = [data[i], data[i + 1], data[i + 2]];
    if (Math.abs(r - 37) < 8 && Math.abs(g - 99) < 8 && Math.abs(b - 235) < 8) count += 1;
  }
  return count;
}"""


def kind_of(edge: ElementTree.Element, ns: dict[str, str]) -> str:
    value = edge.find("g:attvalues/g:attvalue[@for='kind']", ns)
    assert value is not None
    return value.get("value") or ""


async def slice_kinds(server: str, node_id: str) -> dict[str, str]:
    found = await api(
        server,
        "query($id: ID!) { neighbourhood(id: $id, depth: 1, limitPerNode: 25, maxNodes: 500)"
        " { nodes { id: entityId kind } } }",
        {"id": node_id},
    )
    return {node["id"]: node["kind"] for node in found["neighbourhood"]["nodes"]}
