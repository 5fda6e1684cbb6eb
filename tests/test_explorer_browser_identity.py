"""The explorer's author identity panel in headless Chromium: candidates, one merge, one split."""

from __future__ import annotations

from collections.abc import AsyncIterator, Awaitable, Callable, Iterator
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page, Route

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.ingest.records import Paper, Record, Researcher
from tests.test_explorer_browser import (  # noqa: F401
    ARTIFACTS,
    api,
    browser,
    explorer_serve,
    no_browser,
    plant,
    signed,
    text,
)

SEED = "gongfan-fang"
DUP = "g-fang"
#: the duplicate: "G. Fang", two works with two of the seed's coauthors and one new coauthor
PLANTED: list[Record] = [
    Researcher(id=DUP, name="G. Fang"),
    Researcher(id="lina-zhou", name="Lina Zhou"),
    Paper(id="dup-1", title="Planted work one", year=2023, authors=["jie-song", DUP]),
    Paper(
        id="dup-2", title="Planted work two", year=2024, authors=[DUP, "xinchao-wang", "lina-zhou"]
    ),
]
RECORD = """query($id: ID!) { researcher(id: $id) { id name mergedIds
  counts { works coauthors closeCollaborators } works(first: 20) { edges { node { id } } }
  identityHistory { action byId before after works } } }"""
#: the page and the identity panel both read again, around the seed researcher
SETTLED = f'body[data-state="ready"][data-center="{SEED}"] #identity[data-state="ready"]'


@pytest.fixture(scope="module")
async def planted(db: Database) -> Database:
    """The seed plus a duplicate record of the seed researcher."""
    return await plant(db, PLANTED)


@pytest.fixture(scope="module")
def server(
    tmp_path_factory: pytest.TempPathFactory, connection: Connection, planted: Database
) -> Iterator[str]:
    """`bzpeer-graphql serve` on a free port over the planted graph, the page built."""
    with explorer_serve(tmp_path_factory, connection) as base:
        yield base


@pytest.fixture
async def offline(browser: Browser, server: str) -> AsyncIterator[tuple[Page, list[str]]]:  # noqa: F811
    """A page whose requests to anything but the server are aborted, and the list of them."""
    context = await browser.new_context(viewport={"width": 1400, "height": 1000}, base_url=server)
    refused: list[str] = []

    async def only_local(route: Route) -> None:
        if urlsplit(route.request.url).hostname == "127.0.0.1":
            await route.continue_()
        else:
            refused.append(route.request.url)
            await route.abort()

    await context.route("**/*", only_local)
    opened = await context.new_page()
    errors: list[str] = []
    opened.on("pageerror", lambda error: errors.append(str(error)))
    yield opened, refused
    await context.close()
    assert errors == [], errors


async def settle(page: Page, action: Callable[[], Awaitable[None]], ready: str = SETTLED) -> None:
    """Runs `action` and waits until what it makes the page read again has been read."""
    whole = "body" if ready.startswith("body") else ""  # the profile and graph, or the panel only
    await page.evaluate(
        "whole => { if (whole) document.body.dataset.state = 'waiting';"
        " document.getElementById('identity').dataset.state = 'waiting'; }",
        whole,
    )
    await action()
    await page.wait_for_selector(ready, timeout=60_000)


async def sign_in(page: Page, user: str) -> None:
    signed_in = signed(user)

    async def submit() -> None:
        if await page.locator("#token-form").is_hidden():
            await page.click("#token-toggle")
        await page.fill("#token-input", signed_in)
        await page.click("#token-form button[type=submit]")

    await settle(page, submit)
    assert await text(page, "#token-toggle") == f"Signed in: {user}"
    # kept for this tab only
    stored = "() => [sessionStorage.getItem('bzpeer.token'), localStorage.getItem('bzpeer.token')]"
    assert await page.evaluate(stored) == [signed_in, None]


async def shown_counts(page: Page) -> dict[str, str]:
    """What the page says of the record: the profile's works and the identity panel's."""
    return {
        "works": await text(page, "#count-works"),
        "close": await text(page, "#count-close-collaborators"),
        "identityWorks": await text(page, "#identity-works"),
        "coauthors": await text(page, "#identity-coauthors"),
        "mergedIds": await text(page, "#merged-ids"),
        "listed": str(await page.locator("#works-list li").count()),
    }


async def history(page: Page) -> list[tuple[str, str]]:
    items = page.locator("#identity-history li")
    return [
        (await item.locator(".what").inner_text(), await item.locator(".by").inner_text())
        for item in await items.all()
    ]


async def test_a_claimant_merges_a_duplicate_and_splits_a_work_out_from_the_page(
    offline: tuple[Page, list[str]], server: str, capsys: pytest.CaptureFixture[str]
) -> None:
    page, refused = offline
    await page.goto(f"/explorer?id={SEED}")
    await page.wait_for_selector(SETTLED, timeout=60_000)
    assert await shown_counts(page) == {
        "works": "5",
        "close": "4",
        "identityWorks": "5",
        "coauthors": "15",
        "mergedIds": "none",
        "listed": "5",
    }
    # the candidate, its score and its reasons in words, strongest first
    candidate = page.locator(f'#duplicates li.candidate[data-id="{DUP}"]')
    assert await page.locator("#duplicates li.candidate").count() == 1
    assert await text(page, "#duplicates .candidate-head a") == "G. Fang"
    assert await candidate.locator(".score").inner_text() == "score 0.58"
    assert await candidate.locator(".candidate-counts").inner_text() == "2 works · 3 coauthors"
    assert await candidate.locator(".reasons li").all_inner_texts() == [
        "Given names fit as initials (+0.30)",
        "Coauthors within each other's circle: 18 (+0.15)",
        "Shared coauthors: 2 (+0.13)",
    ]
    assert await text(page, "#no-history") == "No merges or splits yet."
    assert "null" not in await text(page, "#identity")
    # signed out: no merge button, no boxes to pick works; the panel offers to sign in
    assert await page.locator("button.merge").count() == 0
    assert not await page.locator("input.pick-work").first.is_visible()
    ARTIFACTS.mkdir(exist_ok=True)
    await page.screenshot(path=str(ARTIFACTS / "explorer-identity-before.png"), full_page=True)

    # someone who does not claim the record is refused by the server, with its code
    await sign_in(page, "stranger")
    assert (await text(page, "#identity-rights")).startswith("You do not claim this record")
    await page.click(f'button.merge[data-id="{DUP}"]')
    assert await candidate.locator(".confirm p").inner_text() == (
        "Merge G. Fang (g-fang) into Gongfan Fang? Its 2 works move here, "
        "and g-fang opens this record from then on."
    )
    await page.click(".confirm-merge")
    note = '#identity-note[data-outcome="refused"]'
    await page.wait_for_selector(note)
    assert await page.get_attribute(note, "data-code") == "FORBIDDEN"
    assert (await text(page, note)).startswith("FORBIDDEN only the claimant")
    assert (await shown_counts(page))["identityWorks"] == "5"

    # the claimant claims the record, then merges the duplicate into it
    await sign_in(page, "claimant")
    ready_again = '#identity[data-state="ready"] #identity-rights:has-text("You claim this record")'
    await settle(page, lambda: page.click("#claim-button"), ready_again)
    assert await text(page, "#claim-status") == "Claimed author"
    await page.click(f'button.merge[data-id="{DUP}"]')
    await settle(page, lambda: page.click(".confirm-merge"))
    assert await text(page, '#identity-note[data-outcome="merged"]') == (
        "Merged G. Fang (g-fang) into this record: 2 works moved."
    )
    assert await shown_counts(page) == {
        "works": "7",
        "close": "4",
        "identityWorks": "7",
        "coauthors": "16",
        "mergedIds": DUP,
        "listed": "7",
    }
    assert await text(page, "#no-duplicates") == (
        "No likely duplicates: no other record scores 0.5 or more."
    )
    assert await history(page) == [
        ("Merged g-fang into gongfan-fang, 2 works moved", "by claimant")
    ]
    merged = (await api(server, RECORD, {"id": DUP}))["researcher"]  # the old id resolves
    assert merged["id"] == SEED and merged["mergedIds"] == [DUP]
    assert merged["counts"] == {"works": 7, "coauthors": 16, "closeCollaborators": 4}

    # the claimant splits one work out to a new record
    await page.check('input.pick-work[value="dup-2"]')
    assert await text(page, "#split-button") == "Split 1 selected work out"
    await page.click("#split-button")
    assert await text(page, "#split .confirm p") == (
        "Move 1 work out of Gongfan Fang into a new record?"
    )
    await settle(page, lambda: page.click("#split-confirm"))
    new_id = await text(page, '#identity-note[data-outcome="split"] a')
    assert new_id.startswith(f"{SEED}~")
    assert await text(page, "#identity-note") == f"Moved 1 work out to the new record {new_id}"
    assert await shown_counts(page) == {
        "works": "6",
        "close": "4",
        "identityWorks": "6",
        "coauthors": "15",
        "mergedIds": DUP,
        "listed": "6",
    }
    assert await history(page) == [
        (f"Split 1 work out of gongfan-fang to {new_id}", "by claimant"),
        ("Merged g-fang into gongfan-fang, 2 works moved", "by claimant"),
    ]
    await page.screenshot(path=str(ARTIFACTS / "explorer-identity-after.png"), full_page=True)
    with capsys.disabled():
        print(f"\nscreenshots: {ARTIFACTS}/explorer-identity-{{before,after}}.png")

    # GraphQL says the same
    seed = (await api(server, RECORD, {"id": SEED}))["researcher"]
    assert seed["counts"] == {"works": 6, "coauthors": 15, "closeCollaborators": 4}
    assert seed["mergedIds"] == [DUP]
    assert sorted(edge["node"]["id"] for edge in seed["works"]["edges"]) == [
        "arxiv-1912.11006",
        "arxiv-2007.05441",
        "arxiv-2112.06253",
        "arxiv-2205.07523",
        "arxiv-2207.13309",
        "dup-1",
    ]
    assert [(e["action"], e["byId"], e["works"]) for e in seed["identityHistory"]] == [
        ("SPLIT", "u-claimant", ["dup-2"]),
        ("MERGE", "u-claimant", ["dup-1", "dup-2"]),
    ]
    split = (await api(server, RECORD, {"id": new_id}))["researcher"]
    assert split["name"] == "Gongfan Fang" and split["mergedIds"] == []
    assert split["counts"] == {"works": 1, "coauthors": 2, "closeCollaborators": 0}
    assert [edge["node"]["id"] for edge in split["works"]["edges"]] == ["dup-2"]

    # the note links the new record, whose page holds the one work
    await page.click('#identity-note[data-outcome="split"] a')
    await page.wait_for_selector(
        f'body[data-state="ready"][data-center="{new_id}"]'
        f' #identity[data-state="ready"][data-for="{new_id}"]'
    )
    assert await text(page, "#count-works") == "1"
    assert await text(page, "#identity-coauthors") == "2"
    # the absorbed id opens the record it was merged into, and says so
    await page.goto(f"/explorer?id={DUP}")
    await page.wait_for_selector(f'{SETTLED}[data-for="{SEED}"]', timeout=60_000)
    assert page.url.endswith(f"/explorer?id={SEED}")
    assert await text(page, "#profile-name") == "Gongfan Fang"
    assert await text(page, "#merged-here") == (
        "g-fang was merged into this record, so it opens this record."
    )
    assert await text(page, "#identity-works") == "6"
    assert refused == []  # nothing left the machine
