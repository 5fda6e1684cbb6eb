"""Running Maven to fetch the Neo4j jars, saying every few seconds how far the download got."""

from __future__ import annotations

import contextlib
import subprocess
import time
from collections.abc import Callable, Sequence
from pathlib import Path

#: what a first resolution into an empty cache downloads (the jars of Neo4j 5.26.30 and of Maven's
#: dependency plugin, measured with Maven 3.8.7); used only for the progress figure
EXPECTED_JARS = 275
EXPECTED_JAR_BYTES = 133_032_637
#: and the project descriptors (.pom) Maven reads first, before most of the jars
EXPECTED_POMS = 576
#: seconds between two progress lines while Maven downloads
PROGRESS_EVERY_S = 3.0
#: a resolution still running after this long is stopped (a slow mirror finishes well within)
TIMEOUT_S = 1800.0

Log = Callable[[str], None]


def silent(line: str) -> None:
    """A log that says nothing."""


def run_with_progress(command: Sequence[str], repository: Path, output: Path, log: Log) -> int:
    """Runs Maven with its output in `output`; returns its exit code (-1 when it was stopped)."""
    started = time.monotonic()
    with output.open("w") as out:
        maven = subprocess.Popen(list(command), stdout=out, stderr=subprocess.STDOUT)
        while True:
            try:
                code = maven.wait(timeout=PROGRESS_EVERY_S)
                break
            except subprocess.TimeoutExpired:
                pass
            elapsed = time.monotonic() - started
            if elapsed > TIMEOUT_S:
                maven.kill()
                maven.wait()
                out.write(f"\nstopped after {TIMEOUT_S:.0f} s\n")
                return -1
            log(progress_line(*jars_in(repository), elapsed))
    _, jars, size = jars_in(repository)
    if code == 0:
        log(f"neo4j: {jars} jars ({size / 1e6:.0f} MB) in the cache after {elapsed_since(started)}")
    return code


def progress_line(poms: int, jars: int, size: int, elapsed: float) -> str:
    """`neo4j: 576/576 descriptors, 120/275 jars, 58/133 MB (44%), 21 s` (totals are about)."""
    share = min(99, round(100 * size / EXPECTED_JAR_BYTES))
    return (
        f"neo4j: {poms}/{EXPECTED_POMS} descriptors, {jars}/{EXPECTED_JARS} jars, "
        f"{size / 1e6:.0f}/{EXPECTED_JAR_BYTES / 1e6:.0f} MB ({share}%), {elapsed:.0f} s"
    )


def elapsed_since(started: float) -> str:
    """Seconds since `started` (a monotonic time), as `12.3 s`."""
    return f"{time.monotonic() - started:.1f} s"


def jars_in(repository: Path) -> tuple[int, int, int]:
    """How many descriptors and jars a Maven repository folder holds, and the jars' bytes."""
    poms = jars = size = 0
    for path in repository.rglob("*"):
        if path.suffix == ".pom":
            poms += 1
        elif path.suffix == ".jar":
            with contextlib.suppress(OSError):  # Maven may move a file while we look
                size += path.stat().st_size
                jars += 1
    return poms, jars, size
