"""Typed reads of one JSON record's fields: a wrong type names the record, field and value."""

from __future__ import annotations

import math
import re
from typing import Any, NoReturn

_JSON_NAMES = {
    str: "string",
    bool: "boolean",
    int: "number",
    float: "number",
    list: "list",
    dict: "object",
    type(None): "null",
}


def describe(value: Any) -> str:
    """`string 'high'`, `number 3`, `list`, `null`: a value as a JSON type and a short excerpt."""
    name = _JSON_NAMES.get(type(value), type(value).__name__)
    if isinstance(value, list | dict) or value is None:
        return name
    text = repr(value)
    return f"{name} {text if len(text) <= 40 else text[:37] + '...'}"


_INTEGER = re.compile(r"-?(?:0|[1-9][0-9]*)")
_INT64 = 2**63
_NUMBER = re.compile(r"-?(?:0|[1-9][0-9]*)(?:\.[0-9]+)?(?:[eE][+-]?[0-9]+)?")


def _finite(value: Any) -> float | None:
    """A JSON number, or a string holding one, as a finite float; else None."""
    if isinstance(value, bool):
        return None
    if isinstance(value, str):
        if not _NUMBER.fullmatch(value.strip()):
            return None
        value = float(value)
    if not isinstance(value, int | float) or not math.isfinite(value):
        return None
    return float(value)


def _whole(value: Any) -> int | None:
    """A whole JSON number (`2020`, `2020.0`), or a string holding one, as an int; else None."""
    if isinstance(value, str) and _INTEGER.fullmatch(value.strip()):
        value = int(value)
    if isinstance(value, int) and not isinstance(value, bool):
        return value if -_INT64 <= value < _INT64 else None  # what Neo4j can store
    read = _finite(value)
    return int(read) if read is not None and read.is_integer() and abs(read) < _INT64 else None


class CheckError(ValueError):
    """A field of a record has the wrong type; `str()` is the line's message without the line."""


class Checked:
    """Reads fields of one record with their JSON types checked; `label` names the record."""

    def __init__(self, label: str) -> None:
        self.label = label

    def fail(self, path: str, expected: str, value: Any) -> NoReturn:
        raise CheckError(f"{self.label}: field {path}: expected {expected}, got {describe(value)}")

    def obj(self, parent: dict[str, Any], key: str, path: str) -> dict[str, Any]:
        """An object field; null or absent reads as an empty object."""
        value = parent.get(key)
        if value is None:
            return {}
        if not isinstance(value, dict):
            self.fail(path, "object or null", value)
        return value

    def objects(self, parent: dict[str, Any], key: str, path: str) -> list[dict[str, Any]]:
        """A list of objects; null or absent reads as an empty list, null items are left out."""
        out: list[dict[str, Any]] = []
        for index, item in enumerate(self.items(parent, key, path)):
            if item is None:
                continue
            if not isinstance(item, dict):
                self.fail(f"{path}[{index}]", "object", item)
            out.append(item)
        return out

    def items(self, parent: dict[str, Any], key: str, path: str) -> list[Any]:
        """A list field; null or absent reads as an empty list."""
        value = parent.get(key)
        if value is None:
            return []
        if not isinstance(value, list):
            self.fail(path, "list or null", value)
        return value

    def texts(self, parent: dict[str, Any], key: str, path: str) -> list[str]:
        """A list of strings (empty strings and nulls left out)."""
        out = []
        for index, item in enumerate(self.items(parent, key, path)):
            if item is None or item == "":
                continue
            if not isinstance(item, str):
                self.fail(f"{path}[{index}]", "string", item)
            out.append(item)
        return out

    def text(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        """A string field; null, absent or empty reads as None."""
        value = parent.get(key)
        if value is None or value == "":
            return None
        if not isinstance(value, str):
            self.fail(path, "string or null", value)
        return value

    def integer(self, parent: dict[str, Any], key: str, path: str) -> int | None:
        """An integer; a whole number written as text (`"2020"`, older records) reads too."""
        return self.whole(parent.get(key), path)

    def whole(self, value: Any, path: str) -> int | None:
        """A value read as `integer` reads a field."""
        if value is None:
            return None
        read = _whole(value)
        if read is None:
            self.fail(path, "integer or null", value)
        return read

    def number(self, parent: dict[str, Any], key: str, path: str) -> float | None:
        """A number; a number written as text (`"0.659993"`, the 2022 API's scores) reads too."""
        value = parent.get(key)
        if value is None:
            return None
        read = _finite(value)
        if read is None:
            self.fail(path, "number or null", value)
        return read

    def boolean(self, parent: dict[str, Any], key: str, path: str) -> bool | None:
        value = parent.get(key)
        if value is None:
            return None
        if not isinstance(value, bool):
            self.fail(path, "boolean or null", value)
        return value

    def identifier(self, parent: dict[str, Any], key: str, path: str) -> str | None:
        """A string or number id (OpenAlex writes `mag` either way) as text."""
        value = parent.get(key)
        if value is None or value == "":
            return None
        if isinstance(value, bool) or not isinstance(value, str | int):
            self.fail(path, "string, integer or null", value)
        return str(value)
