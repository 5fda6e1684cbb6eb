"""How alike two author records are: a score from 0 to 1 and the reasons behind it."""

from __future__ import annotations

from collections.abc import Iterable
from dataclasses import dataclass
from typing import Any

from bzpeer_graphql.identity.name_fit import KINDS, name_fit
from bzpeer_graphql.policy.auth import normalize_orcid

#: the version of these rules: stored pairs scored by another version are scored again (migrate)
SCORING_VERSION = 4
#: the score from which a pair is listed as a candidate unless `minScore` says otherwise
DEFAULT_MIN_SCORE = 0.5
#: what each piece of evidence adds (negative: takes away); the shared-item weights are scaled by
#: the overlap: shared items / the smaller of the two sets, and SHARED_NETWORK by the share of
#: both records' coauthors found in the other's network. Chosen with bench/identity_quality.py
#: on seeds 1-3 at 5,000 papers and seed 1 at 20,000, and checked on other seeds and sizes.
WEIGHTS = {
    "SAME_ORCID": 0.6,
    "SAME_NAME": 0.3,
    "NAME_INITIALS": 0.3,
    "NAME_ORDER": 0.3,
    "NAME_SPELLING": 0.2,
    "NAME_ORDER_INITIALS": 0.2,
    "SHARED_COAUTHORS": 0.2,
    "SHARED_NETWORK": 0.15,
    "SHARED_TOPICS": 0.25,
    "SHARED_FIELDS": 0.15,
    "SHARED_INSTITUTIONS": 0.05,
    "YEARS_APART": -0.1,
    "COAUTHORS_OF_EACH_OTHER": -0.6,
}
#: a name block larger than this says little by itself: two records whose blocks are not both
#: within it are compared only when they share a coauthor or an ORCID (keeps the pairs linear)
CROWD = 200
#: careers further apart than this many years count against a match
YEARS_APART = 15


@dataclass(frozen=True)
class Reason:
    """One piece of evidence: its kind, how many (shared items), what it added."""

    kind: str
    count: int
    weight: float


@dataclass(frozen=True)
class Likeness:
    """The score of a pair and the reasons, strongest first."""

    score: float
    reasons: list[Reason]


def _names(row: dict[str, Any]) -> list[str]:
    return [row.get("name") or "", *(row.get("nameVariants") or [])]


def name_match(a: dict[str, Any], b: dict[str, Any]) -> str | None:
    """The strongest of name_fit's KINDS for any pair of spellings; None when every pair
    contradicts."""
    found = {name_fit(x, y) for x in _names(a) for y in _names(b)}
    return next((kind for kind in KINDS if kind in found), None)


def _add(reasons: list[Reason], kind: str, count: int = 1, share: float = 1.0) -> None:
    if count > 0:
        reasons.append(Reason(kind, count, round(WEIGHTS[kind] * share, 4)))


def _shared(reasons: list[Reason], kind: str, a: Iterable[str], b: Iterable[str]) -> None:
    """Adds the overlap of two id lists: weighted by shared / the smaller list."""
    mine, theirs = set(a), set(b)
    shared = len(mine & theirs)
    if shared:
        _add(reasons, kind, shared, shared / min(len(mine), len(theirs)))


def _network(reasons: list[Reason], a: dict[str, Any], b: dict[str, Any]) -> None:
    """Adds the coauthors of each record found in the other's network (its coauthors and their
    coauthors): weighted by how many of both records' coauthors are, out of all of them."""
    mine, theirs = _coauthors(a, b), _coauthors(b, a)
    found = len(mine & {*theirs, *b["network"]}) + len(theirs & {*mine, *a["network"]})
    if found:
        _add(reasons, "SHARED_NETWORK", found, found / (len(mine) + len(theirs)))


def _coauthors(a: dict[str, Any], b: dict[str, Any]) -> set[str]:
    """The coauthors of `a` other than `b`."""
    return set(a["coauthors"]) - {b["key"]}


def comparable(a: dict[str, Any], b: dict[str, Any]) -> bool:
    """Whether two records may be one person, by names and ORCIDs alone (what `likeness` needs
    before looking at works)."""
    orcid_a, orcid_b = normalize_orcid(a.get("orcid")), normalize_orcid(b.get("orcid"))
    if orcid_a and orcid_b:
        return orcid_a == orcid_b
    return name_match(a, b) is not None


def likeness(a: dict[str, Any], b: dict[str, Any]) -> Likeness | None:
    """How alike records `a` and `b` are (rows of researcher_identity_features); None when they
    cannot be one person (two different ORCIDs, or names that contradict without an ORCID)."""
    orcid_a, orcid_b = normalize_orcid(a.get("orcid")), normalize_orcid(b.get("orcid"))
    if orcid_a and orcid_b and orcid_a != orcid_b:
        return None
    reasons: list[Reason] = []
    if orcid_a and orcid_a == orcid_b:
        _add(reasons, "SAME_ORCID")
    names = name_match(a, b)
    if names is None and not reasons:
        return None
    if names:
        _add(reasons, names)
    _shared(reasons, "SHARED_COAUTHORS", _coauthors(a, b), _coauthors(b, a))
    _network(reasons, a, b)
    _shared(reasons, "SHARED_TOPICS", a["topics"], b["topics"])
    if not set(a["topics"]) & set(b["topics"]):
        # no topic in common: older concepts and newer topics meet in the fields they name
        _shared(reasons, "SHARED_FIELDS", a.get("fields") or [], b.get("fields") or [])
    _shared(reasons, "SHARED_INSTITUTIONS", a["institutions"], b["institutions"])
    if b["key"] in a["coauthors"]:
        _add(reasons, "COAUTHORS_OF_EACH_OTHER")
    if None not in (a["firstYear"], b["firstYear"]):
        gap = max(a["firstYear"], b["firstYear"]) - min(a["lastYear"], b["lastYear"])
        if gap > YEARS_APART:
            _add(reasons, "YEARS_APART")
    score = max(0.0, min(1.0, sum(r.weight for r in reasons)))
    reasons.sort(key=lambda r: -abs(r.weight))
    return Likeness(round(score, 4), reasons)
