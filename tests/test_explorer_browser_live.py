"""The explorer page keeps up with changes made elsewhere: a follow and a claim from a second
browser page, and a merge from GraphQL, show in the first page, delivered by its subscriptions
(the page is not reloaded and reads nothing again by itself); so does a change under a node
expanded in place. How soon they show is measured by `bench/live.py`, not asserted here: a
wall-clock bound fails on a loaded machine for reasons that are not the page's."""

from __future__ import annotations

from collections.abc import AsyncIterator, Iterator
from typing import Any

import httpx
import pytest
from playwright.async_api import Browser, BrowserContext, Page

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from tests.test_explorer_browser import (  # noqa: F401
    browser,
    click_node,
    drawn_ids,
    explorer_serve,
    no_browser,
    plant,
    ready,
    signed,
    text,
)

SEED = "gongfan-fang"
#: a duplicate of the seed researcher with one work, written with a coauthor new to the graph
PLANTED: list[Record] = [
    Researcher(id="g-fang-live", name="G. Fang"),
    Researcher(id="mei-live", name="Mei Live"),
    Paper(id="live-1", title="A planted work", year=2024, authors=["g-fang-live", "mei-live"]),
    # a duplicate of a coauthor of the seed researcher, with a work and a coauthor of its own
    Researcher(id="x-ma-live", name="X. Ma"),
    Researcher(id="nova-live", name="Nova Live"),
    Paper(
        id="live-2", title="A work under a coauthor", year=2023, authors=["x-ma-live", "nova-live"]
    ),
]
#: how long a test waits for a change to show before it fails (a bound on the wait, not a
#: speed claim)
WAIT_MS = 15_000


@pytest.fixture(scope="module")
async def planted(db: Database) -> Database:
    return await plant(db, PLANTED)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, connection: Connection, planted: Database
) -> Iterator[str]:
    """`bzpeer-graphql serve` (two workers sharing a Redis) over the planted graph."""
    with explorer_serve(tmp_path_factory, connection) as base:
        yield base


@pytest.fixture
async def context(browser: Browser, server: str) -> AsyncIterator[BrowserContext]:  # noqa: F811
    opened = await browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    yield opened
    await opened.close()


async def watching(context: BrowserContext, node_id: str, more: str = "") -> Page:
    """A page showing `node_id`, once its subscriptions have started, marked so that a reload
    would show (the mark would be gone)."""
    page = await context.new_page()
    await page.goto(f"/explorer?id={node_id}{more}")
    await ready(page, node_id)
    # the server acknowledged the connection: the subscriptions are running
    await page.wait_for_function("() => window.bzpeerExplorer.liveConnected", timeout=10_000)
    await page.evaluate("() => { window.notReloaded = true; }")
    return page


async def delivered(page: Page, expression: str, field: str) -> list[dict[str, Any]]:
    """Waits until `expression` holds in the page, then the live events of `field` it got: the
    change came by a subscription into the same page, not by a reload."""
    await page.wait_for_function(expression, timeout=WAIT_MS)
    assert await page.evaluate("() => window.notReloaded === true")
    events: list[dict[str, Any]] = await page.evaluate(
        f"() => window.bzpeerExplorer.liveEvents.filter((e) => e.field === '{field}')"
    )
    return events


async def test_a_follow_and_a_claim_in_another_page_show_through_the_subscription(
    context: BrowserContext,
    browser: Browser,  # noqa: F811
    server: str,
) -> None:
    watcher = await watching(context, SEED)
    assert await text(watcher, "#count-followers") == "0"
    assert await text(watcher, "#claim-status") == "Unclaimed author"
    # a second browser, signed in, follows and claims the researcher
    other = await browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
    actor = await other.new_page()
    await actor.goto(f"/explorer?id={SEED}")
    await actor.evaluate(f"() => sessionStorage.setItem('bzpeer.token', '{signed('fan')}')")
    await actor.reload()
    await ready(actor, SEED)
    await actor.click("#follow-button")
    await actor.wait_for_selector('#follow-button[aria-pressed="true"]')
    events = await delivered(
        watcher,
        "() => document.getElementById('count-followers').textContent === '1'",
        "researcherChanged",
    )
    assert [e["kind"] for e in events] == ["FOLLOWERS"]
    await actor.click("#claim-button")
    await actor.wait_for_selector("#claim-button:disabled:has-text('Claimed author')")
    events = await delivered(
        watcher,
        "() => document.getElementById('claim-status').textContent === 'Claimed author'",
        "researcherChanged",
    )
    assert [e["kind"] for e in events] == ["FOLLOWERS", "CLAIM"]
    assert await text(watcher, "#trust") == "Trust 50 - Claimed"  # 10·2 + 5 + 4 + 1 + 20
    await other.close()


async def graphql(server: str, query: str, variables: dict[str, Any], bearer: str) -> Any:
    # a merge on a loaded CI machine may take longer than httpx's 5 s default
    async with httpx.AsyncClient(base_url=server, timeout=60) as http:
        body = (
            await http.post(
                "/graphql",
                json={"query": query, "variables": variables},
                headers={"authorization": f"Bearer {bearer}"},
            )
        ).json()
    assert "errors" not in body, body
    return body["data"]


MERGE = """mutation($into: ID!, $from: ID!) { mergeResearchers(into: $into, from: $from) {
  researcher { id mergedIds } } }"""


async def test_a_merge_adds_its_work_and_coauthor_to_the_drawn_slice_through_the_subscription(
    context: BrowserContext, server: str
) -> None:
    # every neighbour of the centre is taken, so the two the merge brings fit too
    watcher = await watching(context, SEED, "&perNode=100")
    before = await drawn_ids(watcher)
    assert len(before) == 25 and "live-1" not in before
    assert await text(watcher, "#count-works") == "5"
    merged = await graphql(
        server, MERGE, {"into": SEED, "from": "g-fang-live"}, signed("curator", "curator")
    )
    assert merged["mergeResearchers"]["researcher"]["mergedIds"] == ["g-fang-live"]
    events = await delivered(
        watcher,
        "() => window.bzpeerExplorer.nodeIds().includes('mei-live')"
        " && document.getElementById('count-works').textContent === '6'",
        "sliceChanged",
    )
    assert SEED in [e["center"] for e in events]
    assert await drawn_ids(watcher) == sorted([*before, "live-1", "mei-live"])
    assert await watcher.evaluate(
        "() => window.bzpeerExplorer.graph.hasEdge('AUTHORED:gongfan-fang->live-1')"
    )


async def test_a_change_under_an_expanded_node_shows_through_its_subscription(
    context: BrowserContext, server: str
) -> None:
    watcher = await watching(context, SEED)
    drawn = await drawn_ids(watcher)
    assert "xinyin-ma" in drawn and "nova-live" not in drawn
    await watcher.evaluate("() => { document.body.dataset.state = 'waiting'; }")
    await click_node(watcher, "xinyin-ma")  # expands it in place
    await ready(watcher, SEED)
    # the expanded node's slice is followed beside the open one's
    followed = await watcher.evaluate("() => window.bzpeerExplorer.followed")
    assert followed == [SEED, "xinyin-ma"]
    expanded = await drawn_ids(watcher)
    assert "nova-live" not in expanded and "live-2" not in expanded
    merged = await graphql(
        server, MERGE, {"into": "xinyin-ma", "from": "x-ma-live"}, signed("curator", "curator")
    )
    assert merged["mergeResearchers"]["researcher"]["mergedIds"] == ["x-ma-live"]
    await delivered(
        watcher, "() => window.bzpeerExplorer.nodeIds().includes('nova-live')", "sliceChanged"
    )
    # the work and its coauthor joined under the expanded node, nothing else changed
    assert await drawn_ids(watcher) == sorted([*expanded, "live-2", "nova-live"])
    for edge in ("AUTHORED:live-2->xinyin-ma", "COAUTHOR:nova-live->xinyin-ma"):
        assert await watcher.evaluate(f"() => window.bzpeerExplorer.graph.hasEdge('{edge}')")
    centres = await watcher.evaluate(
        "() => window.bzpeerExplorer.liveEvents.filter((e) => e.field === 'sliceChanged')"
        ".map((e) => e.center)"
    )
    assert centres == ["xinyin-ma"]  # the open node's slice did not change
