"""/metrics of `serve --workers 2`: every worker's requests counted, the sums exact."""

from __future__ import annotations

import re
from pathlib import Path

import httpx
from prometheus_client.multiprocess import MultiProcessCollector

from bzpeer_graphql.db.database import Connection, Database
from bzpeer_graphql.db.local import free_port
from tests.helpers import cli_env
from tests.test_serve import serving

PROFILE = {"query": '{ researcher(id: "gongfan-fang") { name } }'}
GRAPHQL_OK = re.compile(r'^bzpeer_http_requests_total\{path="/graphql",status="200"\} (\S+)$', re.M)
#: requests tried before giving up on the kernel handing some to each worker
MOST_REQUESTS = 400


def served_by_each(folder: Path) -> dict[str, int]:
    """/graphql answers counted in each worker's own file, by the worker's pid."""
    counts = {}
    for file in folder.glob("counter_*.db"):
        if file.stat().st_size == 0:
            continue  # a worker's file between its creation and its first write
        for metric in MultiProcessCollector.merge([str(file)]):  # type: ignore[no-untyped-call]
            for sample in metric.samples:
                if sample.name == "bzpeer_http_requests_total" and sample.labels == {
                    "path": "/graphql",
                    "status": "200",
                }:
                    counts[file.stem.removeprefix("counter_")] = int(sample.value)
    return counts


def test_metrics_add_up_over_two_workers(
    tmp_path: Path, connection: Connection, seeded: Database
) -> None:
    folder = tmp_path / "metrics"
    folder.mkdir()
    (folder / "counter_1.db").write_bytes(b"\0" * 8)  # a previous run's file: removed at start
    env = cli_env(
        NEO4J_URI=connection.uri,
        NEO4J_USER=connection.user,
        NEO4J_PASSWORD=connection.password,
        BZPEER_PORT=str(free_port()),
        PROMETHEUS_MULTIPROC_DIR=str(folder),
    )
    with serving(["--workers", "2", "--no-migrate"], env, tmp_path) as served:
        sent = 0
        while len(served_by_each(folder)) < 2 and sent < MOST_REQUESTS:
            # a new connection each time, so that either worker may accept it
            answer = httpx.post(f"{served.base}/graphql", json=PROFILE)
            assert answer.json() == {"data": {"researcher": {"name": "Gongfan Fang"}}}
            sent += 1
        by_worker = served_by_each(folder)
        assert len(by_worker) == 2 and min(by_worker.values()) > 0, by_worker
        assert sum(by_worker.values()) == sent
        for _ in range(4):  # whichever worker answers /metrics, it reports both
            scraped = httpx.get(f"{served.base}/metrics").text
            assert GRAPHQL_OK.findall(scraped) == [f"{float(sent)}"]
    assert served.returncode == 0, served.output
