"""Whether two display names may name one person, and how they agree."""

from __future__ import annotations

from rapidfuzz.distance import Levenshtein

from bzpeer_graphql.identity.names import LONG_FAMILY, Reading, readings

#: how two names agree, strongest first (the reasons of a duplicate candidate)
KINDS = ("SAME_NAME", "NAME_ORDER", "NAME_INITIALS", "NAME_SPELLING", "NAME_ORDER_INITIALS")


def given_compatible(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """How two lists of given names agree: 'same', 'initials' (one abbreviates the other, or
    has a middle name the other leaves out), or None when they contradict."""
    if not a or not b:
        return "initials"
    if "".join(a) == "".join(b):
        return "same"
    for x, y in zip(a, b, strict=False):
        if x == y:
            continue
        if (len(x) == 1 and y.startswith(x)) or (len(y) == 1 and x.startswith(y)):
            continue
        return None
    return "initials"


def family_fit(a: tuple[str, ...], b: tuple[str, ...]) -> str | None:
    """'same' family names, 'part' (one is part of a double family name: 'perez' in 'perez
    almeida'), 'spelling' (long names one edit apart), or None."""
    if a == b or "".join(a) == "".join(b):
        return "same"
    if set(a) <= set(b) or set(b) <= set(a):
        return "part"
    x, y = "".join(a), "".join(b)
    if min(len(x), len(y)) >= LONG_FAMILY and Levenshtein.distance(x, y, score_cutoff=1) <= 1:
        return "spelling"
    return None


def reading_fit(a: Reading, b: Reading) -> str | None:
    """How two readings agree: one of KINDS, or None."""
    family = family_fit(a.family, b.family)
    if family is None:
        return None
    if family == "part":
        # one part of a double family name: written in the usual order, and the name with the
        # shorter family name has no given name the other read as a family name ('Lars Kai
        # Hansen' is not 'Lars Peter Hansen')
        short, long = (a, b) if len(a.family) < len(b.family) else (b, a)
        if a.swapped or b.swapped or len(short.given) > len(long.given):
            return None
    given = given_compatible(a.given, b.given)
    if given is None:
        return None
    if family == "spelling":
        # a typo only when the rest agrees in full: the written order, full given names
        full = min(map(len, a.given + b.given)) > 1 and not (a.swapped or b.swapped)
        return "NAME_SPELLING" if given == "same" and full else None
    if a.swapped != b.swapped:
        # the other order and an initial: two guesses ('J. Priem' / 'Priem Jason')
        return "NAME_ORDER" if given == "same" else "NAME_ORDER_INITIALS"
    return "SAME_NAME" if family == "same" and given == "same" else "NAME_INITIALS"


def name_fit(x: str, y: str) -> str | None:
    """The strongest agreement of any reading of `x` with any reading of `y`; None when every
    reading contradicts."""
    best: str | None = None
    for a in readings(x):
        for b in readings(y):
            kind = reading_fit(a, b)
            if kind is not None and (best is None or KINDS.index(kind) < KINDS.index(best)):
                best = kind
                if best == KINDS[0]:
                    return best
    return best
