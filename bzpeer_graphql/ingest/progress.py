"""Load progress: a live bar (records/s, ETA) on a terminal, plain log lines otherwise."""

from __future__ import annotations

import sys
import time
from typing import TextIO


class ProgressReporter:
    """Called with (done, total) records, total 0 when not known; prints at most every
    `interval_s` seconds."""

    def __init__(
        self,
        stream: TextIO | None = None,
        interval_s: float | None = None,
        stage: str = "load",
        unit: str = "records",
    ) -> None:
        self.stage, self.unit = stage, unit
        self.stream = stream or sys.stderr
        self.tty = self.stream.isatty()
        self.interval_s = interval_s if interval_s is not None else (0.2 if self.tty else 5.0)
        self.started = time.monotonic()
        self.last = 0.0
        self.finished = False

    def __call__(self, done: int, total: int) -> None:
        now = time.monotonic()
        if done == 0:  # the writing starts now: rates and ETA count from here
            self.started = now
            return
        if total <= 0:  # how many are still to come is not known: counts and rate only
            total = -1
        finished = done >= total >= 0
        if self.finished or (not finished and now - self.last < self.interval_s):
            return
        self.finished = finished
        self.last = now
        elapsed = max(now - self.started, 1e-9)
        rate = done / elapsed
        if total < 0:
            end = "\r" if self.tty else "\n"
            self.stream.write(f"{self.stage}: {done} {self.unit}, {rate:,.0f} {self.unit}/s{end}")
            self.stream.flush()
            return
        eta = (total - done) / rate if rate else 0.0
        share = done / total if total else 1.0
        if self.tty:
            width = 30
            bar = "#" * int(share * width)
            self.stream.write(
                f"\r{'' if self.stage == 'load' else self.stage + ' '}[{bar:<{width}}] "
                f"{done}/{total} {self.unit}  {rate:,.0f}/s  ETA {eta:,.0f}s "
            )
            if finished:
                self.stream.write("\n")
        else:
            self.stream.write(
                f"{self.stage}: {done}/{total} {self.unit} ({share:.0%}), "
                f"{rate:,.0f} {self.unit}/s,"
                f" ETA {eta:,.0f}s\n"
            )
        self.stream.flush()
