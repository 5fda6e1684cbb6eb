"""`python -m bench.export --uri bolt://...`: the rate of an NDJSON export of every paper.

Over a Neo4j holding a bench graph (NEO4J_USER, NEO4J_PASSWORD as for `serve`), starts
`bzpeer-graphql serve` (one process, 127.0.0.1), streams `GET /export/papers.ndjson` (and, with
`--filter`, a filtered one) through a client reading line by line, and prints the rows, seconds,
rows per second, the bytes, and the server's peak resident memory before and after (Linux
`VmHWM`), which stays flat when the export streams page by page.
"""

from __future__ import annotations

import argparse
import json
import os
import socket
import subprocess
import sys
import time
from pathlib import Path
from typing import Any

import httpx


def _free_port() -> int:
    with socket.socket() as probe:
        probe.bind(("127.0.0.1", 0))
        return int(probe.getsockname()[1])


def _peak_kib(pid: int) -> int:
    """The process's peak resident memory (KiB), as Linux reports it."""
    for line in Path(f"/proc/{pid}/status").read_text().splitlines():
        if line.startswith("VmHWM:"):
            return int(line.split()[1])
    return 0


def _wait_ready(base: str, timeout_s: float = 60) -> None:
    deadline = time.monotonic() + timeout_s
    while time.monotonic() < deadline:
        try:
            if httpx.get(f"{base}/readyz", timeout=2).status_code == 200:
                return
        except httpx.HTTPError:
            pass
        time.sleep(0.2)
    raise SystemExit("the server did not become ready")


def export(base: str, params: dict[str, str]) -> dict[str, Any]:
    """Streams one export, counting rows and bytes as they come."""
    rows = size = 0
    started = time.perf_counter()
    with httpx.stream("GET", f"{base}/export/papers.ndjson", params=params, timeout=600) as answer:
        if answer.status_code != 200:
            raise SystemExit(f"export refused: {answer.status_code} {answer.read()[:500]!r}")
        for line in answer.iter_lines():
            if line:
                rows += 1
                size += len(line) + 1
    seconds = time.perf_counter() - started
    return {
        "rows": rows,
        "seconds": round(seconds, 2),
        "rows_per_s": round(rows / seconds),
        "bytes": size,
    }


def main(argv: list[str] | None = None) -> int:
    parser = argparse.ArgumentParser(description=__doc__.splitlines()[0])
    parser.add_argument("--uri", required=True, help="the bench graph's Bolt URI")
    parser.add_argument("--filter", default=None, help="a WorkFilter as JSON for a second export")
    options = parser.parse_args(argv)
    port = _free_port()
    env = {**os.environ, "NEO4J_URI": options.uri, "BZPEER_LOG_LEVEL": "warning"}
    command = [sys.executable, "-m", "bzpeer_graphql.cli", "serve", "--port", str(port)]
    server = subprocess.Popen(
        [*command, "--workers", "1", "--no-migrate", "--log-level", "warning"], env=env
    )
    base = f"http://127.0.0.1:{port}"
    try:
        _wait_ready(base)
        # the first use plans the page query: warm it with an export of nothing
        httpx.get(
            f"{base}/export/papers.ndjson", params={"filter": '{"yearFrom": 9999}'}, timeout=300
        )
        report: dict[str, Any] = {"peak_kib_before": _peak_kib(server.pid)}
        report["all"] = export(base, {})
        if options.filter:
            report["filtered"] = export(base, {"filter": options.filter})
        report["peak_kib_after"] = _peak_kib(server.pid)
        print(json.dumps(report, indent=2))
    finally:
        server.terminate()
        server.wait(timeout=30)
    return 0


if __name__ == "__main__":
    raise SystemExit(main())
