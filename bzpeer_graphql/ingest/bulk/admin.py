"""Running `neo4j-admin database import full` from the jars the local Neo4j runs on."""

from __future__ import annotations

import os
import re
import subprocess
import time
from collections.abc import Callable
from pathlib import Path

from bzpeer_graphql.db.local import LocalNeo4j, _tool
from bzpeer_graphql.ingest.bulk.columns import ARRAY_DELIMITER
from bzpeer_graphql.ingest.bulk.convert import Converted

ADMIN_CLASS = "org.neo4j.cli.AdminTool"
_PERCENT = re.compile(rb"(\d+)%\s")
_PHASES = (b"Node import", b"Relationship import", b"Relationship linking", b"Post processing")


class ImportFailed(RuntimeError):
    """neo4j-admin refused the files or stopped; the message holds the end of its output."""


def run_import(
    local: LocalNeo4j,
    files: Converted,
    log: Callable[[str], None],
    heap_mb: int = 1024,
) -> float:
    """Builds the database `neo4j` of the local Neo4j's home from the import files; returns the
    seconds it took. The home must hold no such database (the tool refuses one otherwise)."""
    classpath = local.install(log)
    java = _tool("java", "Java 17 or newer")
    command = [
        java,
        f"-Xmx{heap_mb}m",
        "-cp",
        os.pathsep.join(classpath),
        ADMIN_CLASS,
        "database",
        "import",
        "full",
        "neo4j",
        # Parquet: typed columns, so an empty list is stored as one (CSV cannot carry it)
        "--input-type=parquet",
        f"--array-delimiter={ARRAY_DELIMITER}",  # between the labels of a node
        "--id-type=integer",  # ingest/bulk/numbered.py
        "--bad-tolerance=0",
        "--skip-bad-relationships=false",
        "--skip-duplicate-nodes=false",
        "--high-parallel-io=on",
        # the tool writes its report into the working directory unless told where
        f"--report-file={local.home / 'logs' / 'bulk-import.report'}",
        *(f"--nodes={path}" for path in files.nodes),
        *(f"--relationships={path.stem.upper()}={path}" for path in files.relationships),
    ]
    output = local.home / "logs" / "bulk-import.log"
    output.parent.mkdir(parents=True, exist_ok=True)
    started = time.monotonic()
    env = {**os.environ, "NEO4J_HOME": str(local.home), "NEO4J_CONF": str(local.home / "conf")}
    with output.open("wb") as saved:
        process = subprocess.Popen(
            command, stdout=subprocess.PIPE, stderr=subprocess.STDOUT, env=env
        )
        assert process.stdout is not None
        phase = b""
        for line in process.stdout:
            saved.write(line)
            for name in _PHASES:
                if name in line:
                    phase = name
            found = _PERCENT.search(line)
            if found and phase and int(found.group(1)) % 20 == 0:
                log(
                    f"import: {phase.decode()} {found.group(1).decode()}%, "
                    f"{time.monotonic() - started:.0f} s"
                )
        code = process.wait()
    if code != 0:
        tail = output.read_text(errors="replace").strip().splitlines()[-8:]
        raise ImportFailed(f"neo4j-admin import stopped (exit {code}): " + " | ".join(tail))
    return time.monotonic() - started


def store_of(home: Path) -> list[Path]:
    """The folders the database `neo4j` of a home lives in."""
    return [home / "data" / "databases" / "neo4j", home / "data" / "transactions" / "neo4j"]
