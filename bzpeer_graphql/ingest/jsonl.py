"""Reading JSON Lines files, plain or gzip-compressed, with line numbers."""

from __future__ import annotations

import gzip
import json
import re
from collections.abc import Iterator
from pathlib import Path
from typing import IO, Any, cast

import orjson


def open_text_out(path: Path) -> IO[str]:
    """Opens a text file for writing, compressing when the name ends in `.gz`."""
    if path.suffix == ".gz":
        return gzip.open(path, "wt", encoding="utf-8")
    return open(path, "w", encoding="utf-8")


def open_bytes(path: Path) -> IO[bytes]:
    """Opens a file for reading bytes, decompressing `.gz` files."""
    if path.suffix == ".gz":
        return cast(IO[bytes], gzip.open(path, "rb"))
    return open(path, "rb")


#: what `decode` returns for a blank line
BLANK = object()
#: a run of digits that may be an integer past 64 bits, which orjson reads as a float
_LONG_NUMBER = re.compile(rb"[0-9]{19}")


def raw_lines(path: Path) -> Iterator[tuple[int, bytes | ValueError]]:
    """(line number, the line's bytes) for every line; a file that breaks off (a truncated
    gzip) ends with one error."""
    number = 0
    try:
        with open_bytes(path) as lines:
            for number, raw in enumerate(lines, start=1):
                yield number, raw
    except (OSError, EOFError) as exc:  # a truncated or corrupt file
        yield number + 1, ValueError(f"unreadable from here on: {exc}")


def decode(raw: bytes) -> Any:
    """The object of one line, the decoding error, or `BLANK`."""
    try:
        line = raw.decode("utf-8")
    except UnicodeDecodeError as exc:
        return ValueError(
            f"not valid UTF-8: byte 0x{raw[exc.start]:02x} at byte {exc.start + 1} of the line"
        )
    if not line.strip():
        return BLANK
    if not _LONG_NUMBER.search(raw):
        try:  # about three times as fast; what it refuses (NaN, a lone surrogate) or gets
            return orjson.loads(raw)  # wrong (a huge integer) is left to the standard reader
        except orjson.JSONDecodeError:
            pass
    try:
        return json.loads(line)
    except ValueError as exc:
        return ValueError(f"not valid JSON: {exc}")


def read(path: Path) -> Iterator[tuple[int, Any | ValueError]]:
    """(line number, decoded object or the decoding error) for every non-blank line.

    Lines are split on bytes and each decoded on its own, so a line that is not UTF-8 costs
    that line only; a file that breaks off (a truncated gzip) ends with one error.
    """
    for number, raw in raw_lines(path):
        obj = raw if isinstance(raw, ValueError) else decode(raw)
        if obj is not BLANK:
            yield number, obj
