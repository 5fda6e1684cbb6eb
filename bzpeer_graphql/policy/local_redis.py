"""A private redis-server on 127.0.0.1 for the processes of one `serve`: password-protected,
nothing saved to disk, memory bounded, stopped with the command."""

from __future__ import annotations

import secrets
import shutil
import subprocess
import tempfile
import time
from dataclasses import dataclass
from pathlib import Path

from redis import Redis
from redis.exceptions import RedisError

from bzpeer_graphql.db.local import HOST, free_port

#: seconds redis-server gets to answer its first PING
START_TIMEOUT_S = 20.0
#: memory it may use; the least recently used keys go first past it
MAX_MEMORY = "128mb"


class LocalRedisError(RuntimeError):
    """redis-server is missing or did not start."""


@dataclass
class LocalRedis:
    """One running redis-server and the URL (with its password) that reaches it."""

    process: subprocess.Popen[bytes]
    url: str
    folder: Path

    @classmethod
    def start(cls) -> LocalRedis:
        """Starts redis-server on a free port of 127.0.0.1 and waits until it answers."""
        binary = shutil.which("redis-server")
        if binary is None:
            raise LocalRedisError(
                "several server processes share their state through Redis, and redis-server is "
                "not installed: install it (Debian: apt-get install redis-server), set "
                "BZPEER_REDIS_URL, or run one process (--workers 1)"
            )
        folder = Path(tempfile.mkdtemp(prefix="bzpeer-redis-"))
        port, password = free_port(), secrets.token_hex(24)
        config = folder / "redis.conf"
        config.touch(mode=0o600)  # the password is read by redis-server, never on a command line
        config.write_text(
            f"bind {HOST}\nport {port}\nprotected-mode yes\nrequirepass {password}\n"
            f'save ""\nappendonly no\ndir {folder}\nmaxmemory {MAX_MEMORY}\n'
            "maxmemory-policy allkeys-lru\nloglevel warning\n"
        )
        process = subprocess.Popen(
            [binary, str(config)], stdout=subprocess.DEVNULL, stderr=subprocess.PIPE
        )
        server = cls(process, f"redis://:{password}@{HOST}:{port}/0", folder)
        try:
            server._wait_until_ready()
        except BaseException:
            server.stop()
            raise
        return server

    def _wait_until_ready(self) -> None:
        deadline = time.monotonic() + START_TIMEOUT_S
        with Redis.from_url(self.url, socket_connect_timeout=1, socket_timeout=1) as client:
            while True:
                if self.process.poll() is not None:
                    problem = self.process.stderr.read().decode() if self.process.stderr else ""
                    raise LocalRedisError(f"redis-server stopped at start: {problem.strip()}")
                try:
                    if client.ping():
                        return
                except RedisError:
                    pass
                if time.monotonic() > deadline:
                    raise LocalRedisError(f"redis-server did not answer in {START_TIMEOUT_S} s")
                time.sleep(0.05)

    @property
    def port(self) -> int:
        return int(self.url.rsplit(":", 1)[1].split("/")[0])

    def stop(self) -> None:
        """Stops redis-server (SIGTERM, then SIGKILL after 10 s) and removes its folder."""
        if self.process.poll() is None:
            self.process.terminate()
            try:
                self.process.wait(timeout=10)
            except subprocess.TimeoutExpired:
                self.process.kill()
                self.process.wait()
        if self.process.stderr is not None:
            self.process.stderr.close()
        shutil.rmtree(self.folder, ignore_errors=True)
