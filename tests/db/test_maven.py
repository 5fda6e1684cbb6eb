"""The progress figure of the first jar download, counted in a Maven repository folder."""

from __future__ import annotations

import sys
from pathlib import Path

from bzpeer_graphql.db.maven import jars_in, progress_line, run_with_progress


def repository(root: Path) -> Path:
    """A Maven repository folder with two descriptors and two jars of 1,000 and 2,500 bytes."""
    lib = root / "org" / "neo4j" / "neo4j" / "5.26.30"
    lib.mkdir(parents=True)
    (lib / "neo4j-5.26.30.pom").write_text("<project/>")
    (lib / "neo4j-5.26.30.jar").write_bytes(b"j" * 1000)
    other = root / "org" / "neo4j" / "neo4j-bolt" / "5.26.30"
    other.mkdir(parents=True)
    (other / "neo4j-bolt-5.26.30.pom").write_text("<project/>")
    (other / "neo4j-bolt-5.26.30.jar").write_bytes(b"j" * 2500)
    (other / "neo4j-bolt-5.26.30.jar.sha1").write_text("0" * 40)
    return root


def test_descriptors_jars_and_bytes_are_counted(tmp_path: Path) -> None:
    assert jars_in(repository(tmp_path / "m2")) == (2, 2, 3500)
    assert jars_in(tmp_path / "nothing-yet") == (0, 0, 0)


def test_the_progress_line_says_how_far_against_the_known_total() -> None:
    line = progress_line(300, 120, 58_000_000, 21.4)
    assert line == "neo4j: 300/576 descriptors, 120/275 jars, 58/133 MB (44%), 21 s"
    # more than expected (another Maven's plugins) never reads as done before Maven is
    assert progress_line(600, 300, 140_000_000, 40).endswith("140/133 MB (99%), 40 s")


def test_a_finished_run_reports_what_the_cache_holds(tmp_path: Path) -> None:
    lines: list[str] = []
    command = [sys.executable, "-c", "print('BUILD SUCCESS')"]
    m2 = repository(tmp_path / "m2")
    code = run_with_progress(command, m2, tmp_path / "maven.log", lines.append)
    assert code == 0
    assert (tmp_path / "maven.log").read_text() == "BUILD SUCCESS\n"
    assert len(lines) == 1 and lines[0].startswith("neo4j: 2 jars (0 MB) in the cache after ")
