"""GraphiQL at /graphql in headless Chromium, with every request off 127.0.0.1 refused."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from typing import Any
from urllib.parse import urlsplit

import pytest
from playwright.async_api import Browser, Page, Route

from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.conftest import TEST_JWT_SECRET
from tests.test_explorer_browser import ARTIFACTS, browser, server  # noqa: F401 (fixtures)

RESPONSE = "() => document.querySelector('.result-window .CodeMirror').CodeMirror.getValue()"
#: the headers editor: the one of the two editor tools (variables, headers) on show
HEADERS = ".graphiql-editor-tool .graphiql-editor:not(.hidden) .CodeMirror"


@pytest.fixture
async def offline(browser: Browser, server: str) -> AsyncIterator[tuple[Page, list[str]]]:  # noqa: F811
    """A page whose requests to anything but the server are aborted, and the list of them."""
    context = await browser.new_context(viewport={"width": 1400, "height": 900}, base_url=server)
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


async def run_at(page: Page, line_text: str) -> dict[str, Any]:
    """Puts the cursor on the line of the query editor holding `line_text`, runs, reads JSON."""
    before = await page.evaluate(RESPONSE)
    line = f".graphiql-query-editor .CodeMirror-line:has-text({json.dumps(line_text)})"
    await page.click(line, position={"x": 4, "y": 4})
    await page.keyboard.press("Control+Enter")
    await page.wait_for_function(
        f"before => {{ const now = ({RESPONSE})(); return now && now !== before }}",
        arg=before,
        timeout=30_000,
    )
    answer: dict[str, Any] = json.loads(await page.evaluate(RESPONSE))
    return answer


async def test_graphiql_runs_the_profile_example_offline_and_takes_a_token(
    offline: tuple[Page, list[str]], capsys: pytest.CaptureFixture[str]
) -> None:
    page, refused = offline
    await page.goto("/graphql")
    await page.wait_for_selector(".graphiql-query-editor .CodeMirror-line")
    document = await page.evaluate(
        "() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror.getValue()"
    )
    for name in ("ProfilePage", "CoauthorsOfCoauthors", "Neighbourhood", "Search"):
        assert f"query {name} {{" in document
    profile = await run_at(page, "query ProfilePage")
    researcher = profile["data"]["researcher"]
    assert researcher["trust"]["score"] == 19
    assert researcher["counts"] == {
        "works": 5,
        "followers": 0,
        "topics": 4,
        "closeCollaborators": 4,
    }
    assert '"score": 19' in await page.inner_text(".result-window")
    ARTIFACTS.mkdir(exist_ok=True)
    shot = ARTIFACTS / "graphiql-profile.png"
    await page.screenshot(path=str(shot))
    with capsys.disabled():
        print(f"\nscreenshot: {shot}")
    # the headers pane is open: a viewer token put there signs the next request in
    assert await page.inner_text(".graphiql-editor-tools button.active") == "Headers"
    settings = Settings.from_env(environ={"BZPEER_JWT_SECRET": TEST_JWT_SECRET}, env_file=None)
    token = mint(settings, "u-graphiql", "graphiql-tester")
    headers = json.dumps({"Authorization": f"Bearer {token}"})
    await page.evaluate(
        "([at, text]) => document.querySelector(at).CodeMirror.setValue(text)", [HEADERS, headers]
    )
    await page.evaluate(
        "() => document.querySelector('.graphiql-query-editor .CodeMirror').CodeMirror"
        ".setValue('query Me { viewer { user { handle } } }')"
    )
    await page.wait_for_selector(".graphiql-tab-active:has-text('Me')")  # the editor took it
    me = {"viewer": {"user": {"handle": "graphiql-tester"}}}
    assert await run_at(page, "query Me") == {"data": me}
    assert refused == []  # nothing asked for anything off the server
