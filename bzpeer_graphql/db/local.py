"""The project's own Neo4j: Community jars from Maven Central, run by a small Java launcher."""

from __future__ import annotations

import hashlib
import json
import os
import secrets
import shutil
import signal
import socket
import subprocess
import time
from dataclasses import dataclass
from pathlib import Path

from bzpeer_graphql.db.maven import (
    EXPECTED_JAR_BYTES,
    Log,
    elapsed_since,
    run_with_progress,
    silent,
)
from bzpeer_graphql.settings import Settings

NEO4J_VERSION = "5.26.30"
LAUNCHER_DIR = Path(__file__).parent / "launcher"
LAUNCHER_CLASS = "LocalNeo4j"
HOST = "127.0.0.1"
JVM_FLAGS = (
    "--add-opens=java.base/java.nio=ALL-UNNAMED",
    "--add-opens=java.base/java.io=ALL-UNNAMED",
    "--add-opens=java.base/sun.nio.ch=ALL-UNNAMED",
    "-Dio.netty.tryReflectionSetAccessible=true",
    "-XX:+UseG1GC",
)
ALTERNATIVES = "or set NEO4J_URI to a Neo4j 5 server, or run `docker compose up`"


class LocalNeo4jError(RuntimeError):
    """The local Neo4j could not be prepared, started or stopped; the message says why."""


@dataclass(frozen=True)
class Status:
    """What `bzpeer-graphql neo4j status` reports."""

    running: bool
    uri: str
    home: Path
    version: str
    pid: int | None

    def lines(self) -> list[str]:
        """Human-readable status, one fact a line."""
        state = f"running (pid {self.pid})" if self.running else "stopped"
        return [
            f"state:    {state}",
            f"uri:      {self.uri}",
            f"data dir: {self.home / 'data'}",
            f"version:  Neo4j {self.version} Community",
        ]


class LocalNeo4j:
    """Starts, stops and reports on one local Neo4j DBMS living in `home`."""

    def __init__(
        self,
        home: Path,
        port: int,
        *,
        cache_dir: Path,
        heap_mb: int = 1024,
        pagecache_mb: int = 256,
        password: str | None = None,
        tx_timeout_s: float = 60.0,
    ) -> None:
        self.home = home.expanduser().resolve()
        self.port = port
        self.cache_dir = cache_dir.expanduser().resolve()
        self.heap_mb = heap_mb
        self.pagecache_mb = pagecache_mb
        self.configured_password = password
        self.tx_timeout_s = tx_timeout_s

    @classmethod
    def from_settings(cls, settings: Settings) -> LocalNeo4j:
        """The local Neo4j that `settings` describe."""
        return cls(
            settings.local_neo4j_home,
            settings.local_neo4j_port,
            cache_dir=settings.cache_dir,
            heap_mb=settings.local_neo4j_heap_mb,
            pagecache_mb=settings.local_neo4j_pagecache_mb,
            password=settings.neo4j_password,
            tx_timeout_s=settings.query_timeout_s * 2,
        )

    @property
    def uri(self) -> str:
        return f"bolt://{HOST}:{self.port}"

    @property
    def password_file(self) -> Path:
        return self.home / "password"

    @property
    def state_file(self) -> Path:
        return self.home / "run.json"

    @property
    def log_file(self) -> Path:
        return self.home / "logs" / "launcher.log"

    @property
    def version_dir(self) -> Path:
        return self.cache_dir / f"neo4j-{NEO4J_VERSION}"

    def password(self) -> str:
        """The configured password, else the one generated and kept beside the data directory."""
        if self.configured_password:
            return self.configured_password
        if not self.password_file.exists():
            self.home.mkdir(parents=True, exist_ok=True)
            fd = os.open(self.password_file, os.O_WRONLY | os.O_CREAT | os.O_EXCL, 0o600)
            with os.fdopen(fd, "w") as out:
                out.write(secrets.token_urlsafe(24) + "\n")
        return self.password_file.read_text().strip()

    def install(self, log: Log = silent) -> list[str]:
        """Resolves the Neo4j jars once and compiles the launcher; returns the JVM classpath."""
        java = _tool("java", "Java 17 or newer (apt-get install openjdk-17-jdk-headless)")
        # one classpath a pom: a changed pom (a jar added) is resolved again, not read stale
        pom = hashlib.sha256((LAUNCHER_DIR / "pom.xml").read_bytes()).hexdigest()[:12]
        classpath_file = self.version_dir / f"classpath-{pom}.txt"
        if not classpath_file.exists():
            self._resolve_jars(classpath_file, log)
        jars = classpath_file.read_text().strip().split(os.pathsep)
        if not all(Path(jar).exists() for jar in jars):
            self._resolve_jars(classpath_file, log)
            jars = classpath_file.read_text().strip().split(os.pathsep)
        classes = self._compile_launcher(java, jars, log)
        return [str(classes), *jars]

    def _resolve_jars(self, classpath_file: Path, log: Log) -> None:
        mvn = _tool("mvn", "Maven (apt-get install maven) to fetch the Neo4j jars")
        self.version_dir.mkdir(parents=True, exist_ok=True)
        pom = self.version_dir / "pom.xml"
        shutil.copyfile(LAUNCHER_DIR / "pom.xml", pom)
        command = [
            mvn,
            "-q",
            "-B",
            "-f",
            str(pom),
            f"-Dmaven.repo.local={self.cache_dir / 'm2'}",
            f"-Dneo4j.version={NEO4J_VERSION}",
            "dependency:build-classpath",
            f"-Dmdep.outputFile={classpath_file}",
        ]
        log(
            f"neo4j: fetching the jars of Neo4j {NEO4J_VERSION} from Maven Central into "
            f"{self.cache_dir} (once, about {EXPECTED_JAR_BYTES / 1e6:.0f} MB)"
        )
        output = self.version_dir / "maven.log"
        code = run_with_progress(command, self.cache_dir / "m2", output, log)
        if code != 0 or not classpath_file.exists():
            tail = output.read_text(errors="replace").strip().splitlines()[-5:]
            raise LocalNeo4jError(
                f"Maven could not resolve Neo4j {NEO4J_VERSION} from Maven Central: "
                + " | ".join(tail)
            )

    def _compile_launcher(self, java: str, jars: list[str], log: Log = silent) -> Path:
        source = LAUNCHER_DIR / f"{LAUNCHER_CLASS}.java"
        digest = hashlib.sha256(source.read_bytes()).hexdigest()[:12]
        classes = self.version_dir / f"launcher-{digest}"
        if (classes / f"{LAUNCHER_CLASS}.class").exists():
            return classes
        started = time.monotonic()
        log("neo4j: compiling the launcher")
        javac = _tool("javac", "a Java 17 JDK (apt-get install openjdk-17-jdk-headless)", near=java)
        tmp = classes.with_name(classes.name + f".tmp{os.getpid()}")
        shutil.rmtree(tmp, ignore_errors=True)
        tmp.mkdir(parents=True)
        result = subprocess.run(
            [javac, "-d", str(tmp), "-cp", os.pathsep.join(jars), str(source)],
            capture_output=True,
            text=True,
            check=False,
        )
        if result.returncode != 0:
            raise LocalNeo4jError(f"could not compile the Neo4j launcher: {result.stderr.strip()}")
        try:
            tmp.rename(classes)
        except OSError:  # another process compiled it first
            shutil.rmtree(tmp, ignore_errors=True)
        log(f"neo4j: launcher compiled in {elapsed_since(started)}")
        return classes

    def _read_state(self) -> dict[str, object] | None:
        try:
            state: dict[str, object] = json.loads(self.state_file.read_text())
        except (OSError, ValueError):
            return None
        return state

    def _running_pid(self) -> int | None:
        state = self._read_state()
        if state is None:
            return None
        pid = state.get("pid")
        if not isinstance(pid, int) or not _is_launcher(pid):
            return None
        return pid

    def status(self) -> Status:
        """Whether the DBMS runs, and where."""
        pid = self._running_pid()
        state = self._read_state() or {}
        port = state.get("port", self.port) if pid else self.port
        uri = f"bolt://{HOST}:{port}"
        return Status(
            running=pid is not None, uri=uri, home=self.home, version=NEO4J_VERSION, pid=pid
        )

    def start(self, timeout_s: float = 180.0, report: Log = silent) -> Status:
        """Starts the DBMS unless it runs already; returns once Bolt answers."""
        current = self.status()
        if current.running:
            return current
        classpath = self.install(report)
        java = _tool("java", "Java 17 or newer (apt-get install openjdk-17-jdk-headless)")
        if not _port_free(self.port):
            raise LocalNeo4jError(
                f"port {self.port} on {HOST} is taken; set BZPEER_NEO4J_PORT to a free port"
            )
        password = self.password()
        self.log_file.parent.mkdir(parents=True, exist_ok=True)
        secret = self.home / ".launch-password"
        fd = os.open(secret, os.O_WRONLY | os.O_CREAT | os.O_TRUNC, 0o600)
        with os.fdopen(fd, "w") as out:
            out.write(password)
        command = [
            java,
            f"-Xms{min(self.heap_mb, 512)}m",
            f"-Xmx{self.heap_mb}m",
            *JVM_FLAGS,
            "-cp",
            os.pathsep.join(classpath),
            LAUNCHER_CLASS,
            "--home",
            str(self.home),
            "--port",
            str(self.port),
            "--password-file",
            str(secret),
            "--pagecache",
            str(self.pagecache_mb * 1024 * 1024),
            "--tx-timeout",
            str(int(self.tx_timeout_s)),
        ]
        with open(self.log_file, "ab") as log:
            log.write(f"--- starting Neo4j {NEO4J_VERSION} on {self.uri}\n".encode())
            offset = log.tell()
            process = subprocess.Popen(
                command,
                stdout=log,
                stderr=subprocess.STDOUT,
                stdin=subprocess.DEVNULL,
                start_new_session=True,
            )
        self.state_file.write_text(
            json.dumps({"pid": process.pid, "port": self.port, "version": NEO4J_VERSION})
        )
        started = time.monotonic()
        report(f"neo4j: starting Neo4j {NEO4J_VERSION} on {self.uri} (log: {self.log_file})")
        try:
            self._wait_ready(process, offset, timeout_s)
        finally:
            secret.unlink(missing_ok=True)
        report(f"neo4j: answering on {self.uri} after {elapsed_since(started)}")
        return self.status()

    def _wait_ready(self, process: subprocess.Popen[bytes], offset: int, timeout_s: float) -> None:
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline:
            if process.poll() is not None:
                self.state_file.unlink(missing_ok=True)
                raise LocalNeo4jError(
                    f"Neo4j exited with code {process.returncode} while starting; "
                    f"see {self.log_file}: {self._log_tail(offset)}"
                )
            if b"READY bolt://" in self._log_since(offset) and not _port_free(self.port):
                return
            time.sleep(0.2)
        self.stop()
        raise LocalNeo4jError(f"Neo4j did not answer within {timeout_s:.0f}s; see {self.log_file}")

    def _log_since(self, offset: int) -> bytes:
        with open(self.log_file, "rb") as log:
            log.seek(offset)
            return log.read()

    def _log_tail(self, offset: int) -> str:
        lines = self._log_since(offset).decode(errors="replace").strip().splitlines()
        return " | ".join(lines[-3:])

    def stop(self, timeout_s: float = 120.0) -> bool:
        """Shuts the DBMS down cleanly; returns False when it was not running."""
        pid = self._running_pid()
        if pid is None:
            self.state_file.unlink(missing_ok=True)
            return False
        os.kill(pid, signal.SIGTERM)
        deadline = time.monotonic() + timeout_s
        while time.monotonic() < deadline and _is_launcher(pid):
            time.sleep(0.2)
        if _is_launcher(pid):
            os.kill(pid, signal.SIGKILL)
            raise LocalNeo4jError(f"Neo4j (pid {pid}) did not stop within {timeout_s:.0f}s; killed")
        self.state_file.unlink(missing_ok=True)
        return True


def _tool(name: str, what: str, near: str | None = None) -> str:
    """The path of a program, looked up in JAVA_HOME, beside `near`, then on PATH."""
    candidates = []
    if near:
        candidates.append(Path(near).resolve().parent / name)
    if name in {"java", "javac"} and os.environ.get("JAVA_HOME"):
        candidates.append(Path(os.environ["JAVA_HOME"]) / "bin" / name)
    for candidate in candidates:
        if candidate.is_file() and os.access(candidate, os.X_OK):
            return str(candidate)
    found = shutil.which(name)
    if found is None:
        raise LocalNeo4jError(
            f"`{name}` not found: install {what} to run the local Neo4j, " + ALTERNATIVES
        )
    return found


def _port_free(port: int) -> bool:
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as probe:
        probe.settimeout(0.5)
        return probe.connect_ex((HOST, port)) != 0


def _is_launcher(pid: int) -> bool:
    """True while `pid` is a live (not zombie) local Neo4j launcher process."""
    if not Path("/proc").is_dir():  # no procfs (macOS): trust the pid file
        try:
            os.kill(pid, 0)
        except OSError:
            return False
        return True
    try:
        cmdline = Path(f"/proc/{pid}/cmdline").read_bytes().split(b"\0")
        stat = Path(f"/proc/{pid}/stat").read_text()
    except OSError:
        return False
    state = stat.rsplit(")", 1)[-1].split()[0]
    return state != "Z" and LAUNCHER_CLASS.encode() in cmdline


def free_port() -> int:
    """A TCP port on 127.0.0.1 that nothing listens on right now."""
    with socket.socket(socket.AF_INET, socket.SOCK_STREAM) as sock:
        sock.bind((HOST, 0))
        port: int = sock.getsockname()[1]
        return port
