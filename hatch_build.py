"""The package's build step: bundles the explorer and GraphiQL pages with npm (as
`bzpeer-graphql explorer build` does) when they are missing or older than their sources, and
ships them: the sdist carries them in explorer/dist/ (a wheel built from it needs no Node.js),
the wheel where the installed package serves them from. Editable installs use the checkout's
explorer/ folder instead."""

from __future__ import annotations

import os
import shutil
import subprocess
from pathlib import Path
from typing import Any

from hatchling.builders.hooks.plugin.interface import BuildHookInterface

#: what the build reads (as in bzpeer_graphql/web/explorer.py)
SOURCES = ("src", "index.html", "graphiql.html", "package.json", "package-lock.json", "build.mjs")
#: where the built pages go, by target: the installed package looks in bzpeer_graphql/_data
#: (bzpeer_graphql/resources.py), an sdist keeps the checkout's layout
TARGETS = {"wheel": "bzpeer_graphql/_data/explorer/dist", "sdist": "explorer/dist"}


class PagesHook(BuildHookInterface):
    """Builds explorer/dist/ when it is missing or stale and adds it to the sdist or wheel."""

    PLUGIN_NAME = "custom"

    def initialize(self, version: str, build_data: dict[str, Any]) -> None:
        if self.target_name not in TARGETS or version == "editable":
            return
        explorer = Path(self.root) / "explorer"
        dist = explorer / "dist"
        if not _current(explorer):
            _build(explorer)
        target = TARGETS[self.target_name]
        for file in sorted(dist.rglob("*")):
            # source maps are for the developers of the pages: ten of the fourteen megabytes
            if file.is_file() and file.suffix != ".map":
                relative = file.relative_to(dist).as_posix()
                build_data["force_include"][str(file)] = f"{target}/{relative}"


def _build(explorer: Path) -> None:
    """npm ci (when node_modules is missing or older than the lock), then the pages' build."""
    npm = shutil.which("npm")
    if npm is None:
        raise RuntimeError(
            "building the package bundles the explorer and GraphiQL pages: install Node.js 18 "
            "or newer with npm"
        )
    env = {**os.environ, "NO_UPDATE_NOTIFIER": "1"}
    installed = explorer / "node_modules" / ".package-lock.json"
    lock = explorer / "package-lock.json"
    if not installed.is_file() or installed.stat().st_mtime < lock.stat().st_mtime:
        subprocess.run([npm, "ci", "--no-audit", "--no-fund"], cwd=explorer, env=env, check=True)
    subprocess.run([npm, "run", "build"], cwd=explorer, env=env, check=True)


def _current(explorer: Path) -> bool:
    stamp = explorer / "dist" / "build.json"
    if not stamp.is_file():
        return False
    newest = 0.0
    for name in SOURCES:
        path = explorer / name
        files = [path] if path.is_file() else [p for p in path.rglob("*") if p.is_file()]
        newest = max([newest, *(f.stat().st_mtime for f in files)])
    return newest <= stamp.stat().st_mtime
