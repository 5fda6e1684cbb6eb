"""Person names folded for comparison, and the blocking keys duplicate candidates are found by."""

from __future__ import annotations

import re
import unicodedata

_NOT_LETTERS = re.compile(r"[^a-z\s]+")


def fold(text: str) -> str:
    """Lower case, accents dropped, punctuation and hyphens turned into spaces: 'Gōng-fan' ->
    'gong fan'."""
    decomposed = unicodedata.normalize("NFKD", text.casefold())
    bare = "".join(ch for ch in decomposed if not unicodedata.combining(ch))
    return " ".join(_NOT_LETTERS.sub(" ", bare.replace("ß", "ss")).split())


def parts(name: str) -> tuple[list[str], str]:
    """(given names, family name) of a display name; 'Fang, Gongfan' is read family first."""
    if "," in name:
        family, _, given = name.partition(",")
        tokens = fold(given).split()
        family_tokens = fold(family).split()
        return tokens, "".join(family_tokens)
    tokens = fold(name).split()
    if not tokens:
        return [], ""
    return tokens[:-1], tokens[-1]


def name_key(name: str) -> str:
    """The blocking key: folded family name and first initial, e.g. 'fang g' ('' when none)."""
    given, family = parts(name)
    return f"{family} {given[0][0]}" if family and given else family


def name_key_swapped(name: str) -> str:
    """The key of the same name read in the other order ('Fang Gongfan' -> 'fang g')."""
    given, family = parts(name)
    if not given or "," in name:
        return ""
    return f"{given[0]} {family[0]}"


def name_keys(name: str) -> dict[str, str]:
    """The properties a researcher record carries for blocking: `nameKey` and `nameKeyAlt`."""
    return {"nameKey": name_key(name), "nameKeyAlt": name_key_swapped(name)}


def given_compatible(a: list[str], b: list[str]) -> str | None:
    """How two lists of given names agree: 'same', 'initials' (one abbreviates the other), or
    None when they contradict."""
    if not a or not b:
        return "initials"
    joined_a, joined_b = "".join(a), "".join(b)
    if joined_a == joined_b:
        return "same"
    for x, y in zip(a, b, strict=False):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            continue
        return None
    return "initials"
