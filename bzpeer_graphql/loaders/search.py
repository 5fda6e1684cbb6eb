"""Full-text search: user text made into a Lucene query that only requires words, and its loader."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.loaders.base import ListLoader

MAX_CHARACTERS = 200
MAX_WORDS = 16

# A word as the index's analyzer (Unicode word boundaries) cuts one: letters, digits and `_`,
# kept whole across an apostrophe (O'Brien is one term in the index) and across a point or comma
# between digits (2207.13309). Everything else separates words, so no query syntax gets through.
_WORD = re.compile(r"\w+(?:(?:['\u2019]|(?<=\d)[.,](?=\d))\w+)*")
# What Lucene's query parser reads as syntax; a word cannot hold any of these, they are escaped
# all the same so that a looser word pattern could never let syntax through.
_SYNTAX = frozenset('+-&|!(){}[]^"~*?:\\/')


def words(text: str) -> list[str]:
    """The words of `text`, lowercased one character at a time, in order."""
    found = _WORD.findall(unicodedata.normalize("NFC", text))
    # per character, as the index's lowercase filter does (str.lower() of a whole word turns a
    # final capital sigma into the final form, which the index does not); AND, OR, NOT and TO
    # lose their meaning as operators
    return ["".join(_lower(ch) for ch in word) for word in found]


def _lower(ch: str) -> str:
    lowered = ch.lower()
    return lowered if len(lowered) == 1 else ch


def escaped(word: str) -> str:
    """`word` with every character of Lucene's query syntax escaped by a backslash."""
    return "".join(f"\\{ch}" if ch in _SYNTAX else ch for ch in word)


def fulltext_query(text: str, *, prefix: bool = False, argument: str = "text") -> str | None:
    """A Lucene query requiring every word of `text` (the last as a word start with `prefix`).

    None when `text` has no words. Raises `BadUserInput` (naming `argument`) for text over
    200 characters or with more than 16 words.
    """
    if len(text) > MAX_CHARACTERS:
        raise BadUserInput(
            f"{argument} must be at most {MAX_CHARACTERS} characters (got {len(text)})",
            argument=argument,
            max=MAX_CHARACTERS,
        )
    terms = [escaped(word) for word in words(text)]
    if len(terms) > MAX_WORDS:
        raise BadUserInput(
            f"{argument} must have at most {MAX_WORDS} words (got {len(terms)})",
            argument=argument,
            max=MAX_WORDS,
        )
    if not terms:
        return None
    if prefix:
        terms[-1] += "*"
    return " ".join(f"+{term}" for term in terms)


@dataclass(frozen=True)
class SearchKey:
    """One search: a query from `fulltext_query`, the kinds of node wanted, how many results."""

    query: str
    kinds: tuple[str, ...]
    first: int


class SearchResults(ListLoader):
    """Nodes matching a full-text query, best first; every search of a request is one batch."""

    query = "search_results"
    folder = "search"

    def wire_key(self, key: SearchKey) -> dict[str, Any]:
        return {"query": key.query, "kinds": list(key.kinds), "first": key.first}
