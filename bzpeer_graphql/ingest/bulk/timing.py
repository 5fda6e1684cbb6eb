"""The steps of a bulk build: wall time, CPU time and the machine's load average of each, logged
as each step ends."""

from __future__ import annotations

import os
import time
from collections.abc import Callable, Iterator
from contextlib import contextmanager
from dataclasses import dataclass, field
from pathlib import Path

Log = Callable[[str], None]


def cpu_s() -> float:
    """CPU seconds of this process (DuckDB's threads included) and of its waited-for children
    (the importer)."""
    t = os.times()
    return t.user + t.system + t.children_user + t.children_system


def process_cpu_s(pid: int) -> float:
    """CPU seconds a running process (the local Neo4j) has used; 0 when it cannot be read."""
    try:
        fields = Path(f"/proc/{pid}/stat").read_text().rsplit(")", 1)[1].split()
    except (OSError, IndexError):
        return 0.0
    return (int(fields[11]) + int(fields[12])) / os.sysconf("SC_CLK_TCK")


def load_average() -> float:
    """The machine's one-minute load average (what else the build shares the cores with)."""
    try:
        return os.getloadavg()[0]
    except OSError:
        return 0.0


@dataclass
class Step:
    """One step: seconds of wall and CPU time, and the load average when it ended."""

    wall_s: float
    cpu_s: float
    load: float

    def text(self) -> str:
        return f"{self.wall_s:.1f} s (CPU {self.cpu_s:.1f} s, load {self.load:.1f})"


@dataclass
class Steps:
    """The steps timed so far, in order."""

    log: Log = print
    prefix: str = "bulk"
    done: dict[str, Step] = field(default_factory=dict)

    @contextmanager
    def step(self, name: str, extra_cpu: Callable[[], float] | None = None) -> Iterator[None]:
        """Times the block as step `name`; `extra_cpu` adds another process's CPU seconds."""
        wall, cpu = time.monotonic(), cpu_s()
        other = extra_cpu() if extra_cpu else 0.0
        yield
        used = cpu_s() - cpu + ((extra_cpu() - other) if extra_cpu else 0.0)
        self.add(name, Step(time.monotonic() - wall, used, load_average()))

    def add(self, name: str, step: Step) -> None:
        """Records (or adds to) step `name` and logs it."""
        if name in self.done:
            old = self.done[name]
            step = Step(old.wall_s + step.wall_s, old.cpu_s + step.cpu_s, step.load)
        self.done[name] = step
        self.log(f"{self.prefix}: {name} {step.text()}")
