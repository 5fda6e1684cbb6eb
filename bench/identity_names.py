"""Precision and recall of the name stage of duplicate finding on real names.

Each line of `tests/fixtures/names/pairs.jsonl` is a pair of display names, `same` true when both
name one person (two spellings of a real researcher's name) and false for namesakes (different
real people with similar names), with its case and source. A pair is found when the two records
block together (`name_keys`: a key of one is a key or other-order key of the other, either way,
or a near key's probe) and score at least the threshold with the rest of their evidence held
equal for every pair: both records on one topic (one of one shared), nothing else shared, no
ORCID (an ORCID decides without the names). So the figures measure the names alone, at the
weights and threshold the stored pairs use. Usage: python -m bench.identity_names [--misses]
"""

from __future__ import annotations

import argparse
import json
from pathlib import Path
from typing import Any

from bench.identity_quality import THRESHOLDS
from bzpeer_graphql.identity.likeness import DEFAULT_MIN_SCORE, likeness
from bzpeer_graphql.identity.names import name_keys

PAIRS = Path(__file__).resolve().parent.parent / "tests" / "fixtures" / "names" / "pairs.jsonl"


def read_pairs(path: Path = PAIRS) -> list[dict[str, Any]]:
    """The pairs of the file, in order."""
    return [json.loads(line) for line in path.read_text(encoding="utf-8").splitlines() if line]


def blocked(a: str, b: str) -> bool:
    """Whether duplicates/blocks brings the two names together."""
    x, y = name_keys(a), name_keys(b)
    if x["nameKey"] and x["nameKey"] in (y["nameKey"], y["nameKeyAlt"]):
        return True
    if y["nameKey"] and y["nameKey"] in (x["nameKey"], x["nameKeyAlt"]):
        return True
    ends_x = {x["nameKeyHead"], x["nameKeyTail"]} - {None}
    ends_y = {y["nameKeyHead"], y["nameKeyTail"]} - {None}
    return bool(ends_y & set(x["nameKeyNear"] or []) or ends_x & set(y["nameKeyNear"] or []))


def _record(key: str, name: str) -> dict[str, Any]:
    return {
        "key": key,
        "name": name,
        "nameVariants": [],
        "orcid": None,
        "coauthors": [],
        "network": [],
        "topics": ["T-field"],
        "institutions": [],
        "firstYear": 2020,
        "lastYear": 2024,
    }


def score(a: str, b: str) -> float:
    """The pair's score when blocked together (0 when not, or when the names contradict)."""
    if not blocked(a, b):
        return 0.0
    alike = likeness(_record("a", a), _record("b", b))
    return alike.score if alike else 0.0


def quality(pairs: list[dict[str, Any]], threshold: float) -> dict[str, float]:
    """Precision and recall of the pairs at `threshold`."""
    found = [p for p in pairs if score(p["a"], p["b"]) >= threshold]
    hits = sum(1 for p in found if p["same"])
    actual = sum(1 for p in pairs if p["same"])
    return {
        "threshold": threshold,
        "predicted": len(found),
        "true": hits,
        "precision": hits / len(found) if found else 1.0,
        "recall": hits / actual if actual else 1.0,
    }


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--misses", action="store_true", help="list the pairs decided wrongly")
    args = parser.parse_args()
    pairs = read_pairs()
    same = sum(1 for p in pairs if p["same"])
    print(f"{len(pairs)} pairs: {same} of one person, {len(pairs) - same} namesakes")
    print("  threshold  predicted  true  precision  recall")
    for t in THRESHOLDS:
        q = quality(pairs, t)
        mark = "  (default)" if t == DEFAULT_MIN_SCORE else ""
        print(
            f"  {t:>9}  {q['predicted']:>9}  {q['true']:>4}  {q['precision']:>9.3f}"
            f"  {q['recall']:>6.3f}{mark}"
        )
    if args.misses:
        for p in pairs:
            found = score(p["a"], p["b"]) >= DEFAULT_MIN_SCORE
            if found != p["same"]:
                kind = "missed" if p["same"] else "wrongly found"
                print(f"{kind}: {p['a']} / {p['b']} ({p['case']})")
