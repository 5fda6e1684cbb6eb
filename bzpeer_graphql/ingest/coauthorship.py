"""What a batch of papers changes in coauthorship: shared works gained and lost, by pair."""

from __future__ import annotations

from collections import Counter
from collections.abc import Iterable, Mapping
from itertools import combinations
from typing import Any


def changes(
    before: Mapping[str, Iterable[str]], after: Mapping[str, Iterable[str]]
) -> list[dict[str, Any]]:
    """The COAUTHOR changes `[{a, b, by}]` (each pair once, a < b, sorted; the writer applies
    them both ways) when papers' author lists go from `before` to `after` ({paper id: author
    ids}; a paper missing from `before` is new)."""
    by_pair: Counter[tuple[str, str]] = Counter()
    for paper, authors in after.items():
        old, new = set(before.get(paper, ())), set(authors)
        if old == new:
            continue
        for pair in combinations(sorted(old), 2):
            if not set(pair) <= new:
                by_pair[pair] -= 1
        for pair in combinations(sorted(new), 2):
            if not set(pair) <= old:
                by_pair[pair] += 1
    return [{"a": a, "b": b, "by": n} for (a, b), n in sorted(by_pair.items()) if n]
