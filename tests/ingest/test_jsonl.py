"""A line of JSON Lines reads as the standard library reads it, though most lines go through
orjson: what orjson refuses or reads otherwise falls back to the standard reader."""

from __future__ import annotations

import json

import pytest

from bzpeer_graphql.ingest import jsonl

LINES = [
    b'{"id": "W1", "title": "T\\u00e9st \\ud83d\\ude00", "year": 2020, "score": 1.5e-7}\n',
    b'{"a": 1, "a": 2}',  # the last of a key given twice
    b'{"x": NaN, "y": Infinity}',  # orjson refuses both
    b'{"x": 123456789012345678901234567890}',  # orjson reads a float
    b'{"x": 18446744073709551616}',  # one past 64 bits
    b'{"x": "\\ud800"}',  # a lone surrogate
    b'{"x": 1e400}',
    b'{"x": 0.1000000000000000055511151231257827}',
    b"[1, 2]",
    b'"text"',
    b"{bad",
    b'\xef\xbb\xbf{"a": 1}',  # a byte order mark
    b'{"a": [1, 2,]}',
]


def _standard(raw: bytes) -> object:
    try:
        return json.loads(raw.decode("utf-8"))
    except ValueError as exc:
        return ValueError(f"not valid JSON: {exc}")


@pytest.mark.parametrize("raw", LINES)
def test_a_line_reads_as_the_standard_reader_reads_it(raw: bytes) -> None:
    found, expected = jsonl.decode(raw), _standard(raw)
    assert repr(found) == repr(expected)
    assert type(found) is type(expected)


def test_blank_and_undecodable_lines() -> None:
    assert jsonl.decode(b"  \n") is jsonl.BLANK
    assert str(jsonl.decode(b'{"a": "\xff"}')) == "not valid UTF-8: byte 0xff at byte 8 of the line"
