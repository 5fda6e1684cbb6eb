"""The contenders: the floor in-process, and three servers each in a process of its own."""

from __future__ import annotations

import os
import subprocess
import sys
import time
from dataclasses import dataclass, field
from pathlib import Path
from typing import Any

import httpx
from neo4j import AsyncDriver

from bench.keepalive import KeepAliveClient
from bench.question import Canon, Data, Question, walk_to

PEER_DIR = Path(__file__).parent / "peer"


class WrongAnswer(RuntimeError):
    """A contender's answer could not be read (an error, or a shape it should not have)."""


@dataclass
class Floor:
    """One hand-written Cypher query per question, through the Python driver: no GraphQL."""

    driver: AsyncDriver
    database: str
    name: str = "floor"
    cursors: dict[tuple[str, str], Any] = field(default_factory=dict)

    async def _row(self, question: Question, params: dict[str, Any]) -> Data:
        records, _, _ = await self.driver.execute_query(
            question.floor_cypher(), params, database_=self.database, routing_="r"
        )
        row: Data = records[0].data()
        return row

    async def params(self, question: Question, node_id: str) -> dict[str, Any]:
        """The query's parameters; for a deep page, the floor's cursor (walked to once)."""
        if question.seek is None:
            return question.params(node_id)
        key = (question.name, node_id)
        if key not in self.cursors:
            self.cursors[key] = await walk_to(
                int(node_id), lambda wanted: self._row(question, wanted), question.seek.floor
            )
        return question.params(node_id, self.cursors[key])

    async def ask(self, question: Question, node_id: str) -> tuple[Canon, int]:
        row = await self._row(question, await self.params(question, node_id))
        return question.from_floor(row), 1

    async def close(self) -> None:
        return None


@dataclass
class Server:
    """A GraphQL server in its own process, asked over HTTP on 127.0.0.1."""

    name: str
    command: list[str]
    env: dict[str, str]
    port: int
    dialect: str  # "bzpeer" or "peer"
    cwd: Path | None = None
    log: Path | None = None
    process: subprocess.Popen[bytes] | None = None
    client: KeepAliveClient = field(init=False)
    cursors: dict[tuple[str, str], Any] = field(default_factory=dict)

    @property
    def path(self) -> str:
        return "/graphql" if self.dialect == "bzpeer" else "/"

    @property
    def url(self) -> str:
        return f"http://127.0.0.1:{self.port}{self.path}"

    def start(self, timeout_s: float = 120) -> None:
        out = open(self.log, "ab") if self.log else subprocess.DEVNULL  # noqa: SIM115
        self.process = subprocess.Popen(
            self.command,
            env=self.env,
            cwd=self.cwd,
            stdout=out,
            stderr=subprocess.STDOUT,
            start_new_session=True,
        )
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if self.process.poll() is not None:
                raise RuntimeError(
                    f"{self.name} exited with {self.process.returncode}; see {self.log}"
                )
            try:
                answer = httpx.post(self.url, json={"query": "{ __typename }"}, timeout=2)
                if answer.status_code == 200:
                    break
            except httpx.TransportError:
                pass
            time.sleep(0.25)
        else:
            self.stop()
            raise RuntimeError(f"{self.name} did not answer within {timeout_s:.0f}s")
        self.client = KeepAliveClient("127.0.0.1", self.port, pool=64, timeout_s=120)

    async def _post(
        self, query: str, variables: dict[str, Any], headers: dict[str, str]
    ) -> dict[str, Any]:
        response = await self.client.post_json(
            self.path, {"query": query, "variables": variables}, headers
        )
        body: dict[str, Any] = response.json()
        if response.status != 200 or body.get("errors"):
            raise WrongAnswer(f"{self.name}: {response.status} {body.get('errors')}")
        return body

    def _query(self, question: Question) -> str:
        return question.bzpeer if self.dialect == "bzpeer" else question.peer

    async def params(self, question: Question, node_id: str) -> dict[str, Any]:
        """The query's variables; for a deep page, this server's own cursor (walked to once)."""
        if question.seek is None:
            return question.params(node_id)
        key = (question.name, node_id)
        if key not in self.cursors:
            query = self._query(question)

            async def fetch(wanted: dict[str, Any]) -> Data:
                data: Data = (await self._post(query, wanted, {}))["data"]
                return data

            end = question.seek.bzpeer if self.dialect == "bzpeer" else question.seek.peer
            self.cursors[key] = await walk_to(int(node_id), fetch, end) if end else None
        return question.params(node_id, self.cursors[key])

    async def _send(self, question: Question, node_id: str, *, debug: bool) -> dict[str, Any]:
        headers = {"X-Bzpeer-Debug": "1"} if debug and self.dialect == "bzpeer" else {}
        variables = await self.params(question, node_id)
        body = await self._post(self._query(question), variables, headers)
        if self.dialect == "peer" and question.peer_then:
            then = question.peer_then
            second = await self._post(then.query, then.variables(body["data"]), headers)
            body["data"] = {**body["data"], **second["data"]}
        return body

    async def ask(self, question: Question, node_id: str) -> tuple[Canon, int]:
        """The answer in comparable shape, and the Cypher round trips it took (when told)."""
        body = await self._send(question, node_id, debug=True)
        convert = question.from_bzpeer if self.dialect == "bzpeer" else question.from_peer
        trips = body.get("extensions", {}).get("cypher", {}).get("queries", 0)
        return convert(body["data"]), trips

    async def post(self, question: Question, node_id: str) -> None:
        """One timed request: the answer is read and checked for errors but not converted."""
        await self._send(question, node_id, debug=False)

    async def close(self) -> None:
        await self.client.aclose()
        self.stop()

    def stop(self) -> None:
        if self.process and self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=30)
            except subprocess.TimeoutExpired:
                self.process.kill()


def neo4j_env(uri: str, password: str, pool_size: int) -> dict[str, str]:
    env = {k: v for k, v in os.environ.items() if not k.startswith(("NEO4J_", "BZPEER_"))}
    env.update(
        NEO4J_URI=uri, NEO4J_USER="neo4j", NEO4J_PASSWORD=password, NEO4J_POOL_SIZE=str(pool_size)
    )
    return env


def bzpeer_server(
    name: str,
    port: int,
    base_env: dict[str, str],
    log: Path,
    *,
    batching: bool,
    workers: int = 1,
) -> Server:
    env = {**base_env, "BZPEER_LOAD_SEED": "false", "BZPEER_BATCHING": str(batching).lower()}
    command = [
        sys.executable,
        "-m",
        "bzpeer_graphql.cli",
        "serve",
        "--no-migrate",
        "--port",
        str(port),
        "--log-level",
        "warning",
        "--workers",
        str(workers),
    ]
    return Server(name, command, env, port, "bzpeer", log=log)


def peer_server(
    port: int,
    base_env: dict[str, str],
    log: Path,
    *,
    debug: bool = False,
    workers: int = 1,
    name: str = "peer",
    coauthor: bool = False,
) -> Server:
    """The peer; `coauthor`: its type definitions read coauthorship from COAUTHOR {shared}."""
    env = {**base_env, "PORT": str(port), "WORKERS": str(workers)}
    if coauthor:
        env["TYPEDEFS"] = "typeDefs-coauthor.graphql"
    if debug:
        env["DEBUG"] = "@neo4j/graphql:execution"
    return Server(name, ["node", "server.mjs"], env, port, "peer", cwd=PEER_DIR, log=log)


def install_peer() -> None:
    """Installs the peer's pinned packages (from the lockfile) once."""
    if not (PEER_DIR / "node_modules" / "@neo4j" / "graphql").is_dir():
        subprocess.run(
            ["npm", "ci", "--no-audit", "--no-fund"],
            cwd=PEER_DIR,
            check=True,
            stdout=subprocess.DEVNULL,
        )
