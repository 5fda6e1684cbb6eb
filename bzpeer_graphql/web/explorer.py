"""The /explorer and GraphiQL pages: sources in `explorer/`, built by npm into `explorer/dist/`."""

from __future__ import annotations

import fcntl
import html
import os
import shutil
import subprocess
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass
from pathlib import Path

from starlette.requests import Request
from starlette.responses import HTMLResponse, PlainTextResponse, Response
from starlette.routing import BaseRoute, Mount, Route
from starlette.staticfiles import StaticFiles
from starlette.types import Receive, Scope, Send

from bzpeer_graphql.resources import project_dir
from bzpeer_graphql.web.headers import page_response

#: what the build reads: a change to any of these makes the built page stale
SOURCES = ("src", "index.html", "graphiql.html", "package.json", "package-lock.json", "build.mjs")
#: the file the build writes last; its mtime is when the page was built
STAMP = "build.json"
#: npm ci and the bundler together; generous for a cold npm cache on a slow machine
BUILD_TIMEOUT_S = 600

Log = Callable[[str], None]


class ExplorerBuildError(RuntimeError):
    """The page could not be built; the message says why and what to install."""


@dataclass(frozen=True)
class Explorer:
    """The front-end folder of a source checkout (`explorer/`) and its build output."""

    root: Path | None

    @classmethod
    def find(cls) -> Explorer:
        """The checkout's `explorer/`, or none when this installation has no front-end sources."""
        try:
            return cls(project_dir("explorer"))
        except FileNotFoundError:
            return cls(None)

    @property
    def dist(self) -> Path | None:
        return self.root / "dist" if self.root else None

    def page(self, name: str = "index.html") -> Path | None:
        """A built page (the explorer's index.html, or graphiql.html), when there is one."""
        page = self.dist / name if self.dist else None
        return page if page and page.is_file() else None

    def is_current(self) -> bool:
        """Whether the built page exists and is newer than every source file."""
        if self.root is None or self.dist is None:
            return False
        stamp = self.dist / STAMP
        if not stamp.is_file() or self.page() is None or self.page("graphiql.html") is None:
            return False
        return _newest_mtime(self.root, SOURCES) <= stamp.stat().st_mtime

    def needs_install(self) -> bool:
        """Whether node_modules is missing or older than package-lock.json."""
        assert self.root is not None
        installed = self.root / "node_modules" / ".package-lock.json"
        lock = self.root / "package-lock.json"
        return not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime

    def missing_reason(self) -> str:
        """Why the page cannot be served, in one sentence with the fix."""
        if self.root is None:
            return (
                "This installation has neither the built pages nor their sources: install a "
                "wheel built with npm at hand (`python -m build`), or `pip install -e .` from a "
                "checkout."
            )
        if shutil.which("npm") is None:
            return (
                "The explorer and GraphiQL pages are not built and npm was not found: "
                "install Node.js 18 or newer with npm, then run `bzpeer-graphql explorer build` "
                "(or restart `serve`)."
            )
        return (
            "The explorer and GraphiQL pages are not built yet: "
            "run `bzpeer-graphql explorer build`."
        )

    def build(self, *, force: bool = False, log: Log = print) -> bool:
        """Installs the npm packages when needed and bundles the page; False when it was current.

        Holds a lock on the folder so that two processes never build at once.
        """
        if self.root is None:
            raise ExplorerBuildError(self.missing_reason())
        npm = shutil.which("npm")
        if npm is None:
            raise ExplorerBuildError(self.missing_reason())
        with _locked(self.root / ".build.lock"):
            if not force and self.is_current():
                return False
            if self.needs_install():
                log("explorer: npm ci (installing the packages of explorer/package-lock.json)")
                started = time.monotonic()
                _run([npm, "ci", "--no-audit", "--no-fund"], self.root)
                log(f"explorer: npm packages installed in {time.monotonic() - started:.1f} s")
            log("explorer: building the explorer and GraphiQL pages into explorer/dist/")
            started = time.monotonic()
            _run([npm, "run", "build"], self.root)
            log(f"explorer: pages built in {time.monotonic() - started:.1f} s")
        return True


def _newest_mtime(root: Path, names: tuple[str, ...]) -> float:
    newest = 0.0
    for name in names:
        path = root / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        for file in files:
            newest = max(newest, file.stat().st_mtime)
    return newest


@contextmanager
def _locked(path: Path) -> Iterator[None]:
    with path.open("a") as handle:
        fcntl.flock(handle, fcntl.LOCK_EX)
        try:
            yield
        finally:
            fcntl.flock(handle, fcntl.LOCK_UN)


def _run(command: list[str], cwd: Path) -> None:
    env = {**os.environ, "NO_UPDATE_NOTIFIER": "1"}
    try:
        done = subprocess.run(
            command,
            cwd=cwd,
            env=env,
            capture_output=True,
            text=True,
            timeout=BUILD_TIMEOUT_S,
            check=False,
        )
    except subprocess.TimeoutExpired:
        raise ExplorerBuildError(
            f"`{' '.join(command[1:])}` took over {BUILD_TIMEOUT_S} s"
        ) from None
    if done.returncode != 0:
        tail = "\n".join((done.stdout + done.stderr).strip().splitlines()[-20:])
        raise ExplorerBuildError(f"`npm {' '.join(command[1:])}` failed in {cwd}:\n{tail}")


def ensure_built(explorer: Explorer, log: Log = print) -> None:
    """Builds the page when it is missing or stale; on failure says so and carries on."""
    if explorer.root is None or explorer.is_current():
        return
    try:
        explorer.build(log=log)
    except ExplorerBuildError as exc:
        if explorer.page() is not None:
            log(f"explorer: not rebuilt, serving the page built before ({exc})")
        else:
            log(f"explorer: not built, /explorer will say so ({exc})")


def explorer_routes(explorer: Explorer) -> list[BaseRoute]:
    """GET /explorer (the page, or 503 saying how to build it) and /explorer/assets/*."""

    async def page(request: Request) -> Response:
        built = explorer.page()
        if built is None:
            return not_built(explorer.missing_reason())
        return page_response(built.read_text(encoding="utf-8"))

    return [
        Route("/explorer", page, methods=["GET"]),
        Mount("/explorer/assets", app=_Assets(explorer)),
    ]


class _Assets:
    """The built assets; 404 while there are none (StaticFiles would fail on a missing folder)."""

    def __init__(self, explorer: Explorer) -> None:
        self.directory = explorer.dist / "assets" if explorer.dist else None
        self.files = StaticFiles(directory=self.directory, check_dir=False)

    async def __call__(self, scope: Scope, receive: Receive, send: Send) -> None:
        if self.directory is None or not self.directory.is_dir():
            await PlainTextResponse("Not Found", status_code=404)(scope, receive, send)
            return
        await self.files(scope, receive, send)


def not_built(reason: str, what: str = "explorer") -> Response:
    """503 with a page saying why the page is missing and how to build it."""
    body = (
        "<!doctype html><html lang='en'><head><meta charset='utf-8'>"
        f"<title>bzpeer {what}: not built</title></head><body>"
        f"<h1>The {what} page is not available</h1>"
        f"<p id='not-built'>{html.escape(reason)}</p>"
        "<p>GraphQL is served as usual at <a href='graphql'>graphql</a>.</p>"
        "</body></html>"
    )
    return HTMLResponse(body, status_code=503)
