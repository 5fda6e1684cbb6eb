"""Reading JSON Lines files, plain or gzip-compressed, with line numbers."""

from __future__ import annotations

import gzip
import json
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any


def open_text(path: Path) -> IO[str]:
    """Opens a text file for reading, decompressing `.gz` files."""
    if path.suffix == ".gz":
        return gzip.open(path, "rt", encoding="utf-8")
    return open(path, encoding="utf-8")


def open_text_out(path: Path) -> IO[str]:
    """Opens a text file for writing, compressing when the name ends in `.gz`."""
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8")
    return open(path, "w", encoding="utf-8")


def read(path: Path) -> Iterator[tuple[int, Any | ValueError]]:
    """(line number, decoded object or the decoding error) for every non-blank line."""
    number = 0
    try:
        with open_text(path) as lines:
            for number, line in enumerate(lines, start=1):
                if not line.strip():
                    continue
                try:
                    yield number, json.loads(line)
                except ValueError as exc:
                    yield number, ValueError(f"not valid JSON: {exc}")
    except (OSError, EOFError, UnicodeDecodeError) as exc:  # a truncated or corrupt file
        yield number + 1, ValueError(f"unreadable from here on: {exc}")
