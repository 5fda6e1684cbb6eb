"""Person names read for comparison: transliterated to ASCII letters, read into given and family
names (every plausible way), and the blocking keys duplicate candidates are found by."""

from __future__ import annotations

import re
import unicodedata
from dataclasses import dataclass
from functools import lru_cache
from typing import TypedDict

from anyascii import anyascii

#: the version of the stored blocking keys: `migrate` recomputes the keys of records keyed by
#: another (`nameKeyVersion`)
KEY_VERSION = 2
#: words that join a family name without being one ("van der Berg", "dos Santos", "al-Farsi")
PARTICLES = frozenset(
    ("van", "von", "der", "den", "ter", "ten", "het", "de", "del", "della", "delle", "dei",
     "degli", "di", "da", "das", "do", "dos", "du", "la", "le", "les", "al", "el", "bin", "ibn",
     "zu", "op", "thi")
)  # fmt: skip
#: words after a name that are not part of it ("Smith, Jr.")
SUFFIXES = frozenset(("jr", "sr", "ii", "iii", "iv", "phd", "md"))
#: one name under the romanizations records use for it (Arabic, Persian and Korean names): each
#: spelling (doubled letters already single) -> one form; only spellings with one first letter,
#: so initials still fit (Korean family names, never abbreviated, excepted)
ROMANIZED = {
    variant: canonical
    for canonical, variants in {
        "muhamad": "mohamed mohamad muhamed mohd mohammed",
        "ahmad": "ahmed",
        "mahmud": "mahmoud",
        "husein": "hosein husain hossein hussein hussain hosain",
        "huseini": "hoseini husaini hosseini husseini",
        "hasan": "hassan",
        "abdul": "abdel abd",
        "abdulrahman": "abdelrahman abdurahman abdurrahman abdalrahman",
        "yusuf": "yousef yousif yusef youssef yousuf",
        "mustafa": "mostafa moustafa",
        "reza": "rida reda",
        "rahman": "rehman",
        "kim": "gim",
        "park": "bak pak",
        "lee": "yi rhee",
        "choi": "choe",
        "jung": "jeong chung",
    }.items()
    for variant in [canonical, *variants.split()]
}
#: common family names of languages that write the family name first (Vietnamese, Chinese,
#: Korean), as folded: a three-word name starting with one is keyed family name first too
FAMILY_FIRST = frozenset(
    ("nguyen", "tran", "le", "pham", "hoang", "huynh", "phan", "vu", "vo", "dang", "bui", "do",
     "ho", "ngo", "duong", "ly", "wang", "li", "zhang", "liu", "chen", "yang", "huang", "zhao",
     "wu", "zhou", "xu", "sun", "ma", "zhu", "hu", "guo", "he", "lin", "gao", "luo", "kim", "lee",
     "park", "choi", "jung", "kang", "cho", "yoon", "jang", "lim")
)  # fmt: skip
_DOUBLED = re.compile(r"([a-z])\1+")
_PERSIAN_END = re.compile(r"(?<=a)(?:ei|ee|ie|yi|i)$")
#: a family name this long or longer may be compared one edit apart ("McNeelly" / "McNeely")
LONG_FAMILY = 7
#: letters of the head and the tail of a long family name in its near keys
NEAR_PART = 3
#: spellings some languages write a letter with (Müller, Mueller): alternative foldings
_DIGRAPHS = str.maketrans({"ä": "ae", "ö": "oe", "ü": "ue", "ø": "oe", "å": "aa", "Ä": "Ae",
                           "Ö": "Oe", "Ü": "Ue", "Ø": "Oe", "Å": "Aa"})  # fmt: skip
_COLLAPSE = re.compile(r"(?<=[aou])e|(?<=a)a")
_NOT_LETTERS = re.compile(r"[^a-z]+")
_INITIALS = re.compile(r"^(?:[A-Za-z]\.?-?)+$")
_DOTTED = re.compile(r"[.]")


def _is_cjk(ch: str) -> bool:
    """Whether a character is of a script written family name first (Han, kana, Hangul)."""
    name = unicodedata.name(ch, "")
    return name.startswith(("CJK UNIFIED", "HANGUL", "HIRAGANA", "KATAKANA", "CJK COMPAT"))


def fold(text: str) -> str:
    """Lower-case ASCII letters, every other character a space: 'Łukasz Gōng-fan' ->
    'lukasz gong fan'; other scripts transliterated ('王小明' -> 'wangxiaoming')."""
    latin = anyascii(unicodedata.normalize("NFC", text)).lower().replace("'", "")
    return " ".join(_NOT_LETTERS.sub(" ", latin).split())


def canon(part: str) -> str:
    """One folded name word as compared: doubled letters single, one romanization of names
    written several ways ('Mohammed', 'Muhammad' -> 'muhamad'; 'Rezaee' -> 'rezaei')."""
    single = _DOUBLED.sub(r"\1", _PERSIAN_END.sub("ei", part))
    return ROMANIZED.get(single, single)


@dataclass(frozen=True)
class Reading:
    """One way to read a name: given names (initials as one letter) and family name parts, and
    whether it reads the written order the other way round."""

    given: tuple[str, ...]
    family: tuple[str, ...]
    swapped: bool = False


@dataclass(frozen=True)
class _Token:
    """One written word of a name: its folded parts (split at hyphens) and what it may be."""

    parts: tuple[str, ...]
    initials: bool  # may be initials ("J.", "J.-M.", "JR")
    word: bool  # may be a word ("Priem", "LI")
    caps: bool  # written in capitals ("WANG Wei")

    @property
    def letters(self) -> tuple[str, ...]:
        """Each letter of the word, as initials."""
        return tuple(ch for part in self.parts for ch in part)

    @property
    def joined(self) -> str:
        """The word's parts as one word."""
        return "".join(self.parts)


def _tokens(text: str, spelled: bool) -> list[_Token]:
    """The written words of a name (in the digraph spelling when `spelled`), suffixes dropped."""
    raw = anyascii(text.translate(_DIGRAPHS) if spelled else text).split()
    lower = any(ch.islower() for ch in text)
    out = []
    for word in raw:
        parts = tuple(canon(p) for p in fold(word).split())
        if not parts:
            continue
        letters = word.replace(".", "").replace("-", "")
        dotted = bool(_DOTTED.search(word))
        short_caps = letters.isupper() and len(letters) <= 3 and lower
        initials = bool(_INITIALS.match(word)) and (dotted or len(letters) == 1 or short_caps)
        word_like = not (dotted or len(letters) == 1)
        caps = letters.isupper() and len(letters) >= 2 and lower
        if initials:
            parts = tuple(ch for p in parts for ch in p) if not word_like else parts
        out.append(_Token(parts, initials, word_like, caps))
    while len(out) > 1 and out[-1].joined in SUFFIXES and not out[-1].caps:
        out.pop()
    return out


def _given(tokens: list[_Token]) -> tuple[str, ...]:
    """Given names of the words: initials one letter each, particles left out."""
    out: list[str] = []
    for t in tokens:
        if t.initials and (not t.word or t.caps):
            out.extend(t.letters)
        elif t.joined in PARTICLES and t.word:
            continue
        else:
            out.append(t.joined)
    return tuple(out)


def _family(tokens: list[_Token]) -> tuple[str, ...]:
    """Family name parts of the words, particles left out (unless the family name is one)."""
    parts = [p for t in tokens for p in t.parts]
    while len(parts) > 1 and parts[0] in PARTICLES:
        parts = parts[1:]
    return tuple(p for i, p in enumerate(parts) if p not in PARTICLES or i == len(parts) - 1)


def _with_particles(tokens: list[_Token], start: int) -> int:
    """Where a family name starting at `start` begins once the particles before it join it."""
    while start > 1 and tokens[start - 1].joined in PARTICLES:
        start -= 1
    return start


def _cjk(text: str) -> list[Reading]:
    """Chinese, Japanese or Korean script: the family name first (one character, or the first
    written word when spaced)."""
    words = text.split()
    family, given = (words[0], "".join(words[1:])) if len(words) > 1 else (text[0], text[1:])
    given_part = canon(fold(given)) if fold(given) else ""
    return [Reading((given_part,) if given_part else (), (canon(fold(family)),))]


def _latin(text: str, spelled: bool) -> list[Reading]:
    """The readings of a name in Latin letters (or transliterated to them), likeliest first."""
    if "," in text:
        family, _, given = text.partition(",")
        if fold(given) not in SUFFIXES and fold(given):
            fam = _family(_tokens(family, spelled))
            return [Reading(_given(_tokens(given, spelled)), fam)] if fam else []
        text = family
    tokens = _tokens(text, spelled)
    words = [i for i, t in enumerate(tokens) if t.word]
    if not words:
        return [Reading((), _family(tokens))] if tokens else []
    readings = []
    for i in [i for i in words if tokens[i].caps and not all(tokens[j].caps for j in words)]:
        readings.append(Reading(_given(tokens[:i] + tokens[i + 1 :]), tokens[i].parts))
    last = words[-1]
    start = _with_particles(tokens, last)
    if last == len(tokens) - 1 and tokens[last].initials and last > 0 and tokens[0].word:
        # "Priem JR": family name first, initials after (or the last word a family name)
        readings.append(Reading(_given(tokens[1:]), _family(tokens[:1])))
    readings.append(Reading(_given(tokens[:start] + tokens[last + 1 :]), _family(tokens[start:])))
    before = start - 1
    if before >= 1 and tokens[before].word and not tokens[before].initials:
        double = _with_particles(tokens, before)
        readings.append(Reading(_given(tokens[:double]), _family(tokens[double : last + 1])))
    if len(tokens) >= 2 and tokens[0].word and not tokens[0].initials:
        # family name first, as Chinese, Vietnamese or Hungarian names are often written; the
        # likelier reading of a longer name that starts with a common East Asian family name
        first = Reading(_given(tokens[1:]), _family(tokens[:1]), swapped=True)
        place = 1 if len(tokens) > 2 and tokens[0].joined in FAMILY_FIRST else len(readings)
        readings.insert(place, first)
    return [r for r in readings if r.family]


@lru_cache(maxsize=65536)
def readings(name: str) -> tuple[Reading, ...]:
    """Every plausible reading of a display name, the likeliest first, in each spelling."""
    text = " ".join(unicodedata.normalize("NFC", name).split())
    if not text:
        return ()
    if any(_is_cjk(ch) for ch in text) and not any(ch.isascii() and ch.isalpha() for ch in text):
        found = _cjk(text)
    else:
        found = _latin(text, False)
        if text != text.translate(_DIGRAPHS):
            found += _latin(text, True)
    return tuple(dict.fromkeys(found))


def parts(name: str) -> tuple[list[str], str]:
    """(given names, family name) of the likeliest reading; 'Fang, Gongfan' is read family
    first."""
    found = readings(name)
    if not found:
        return [], ""
    return list(found[0].given), " ".join(found[0].family)


def _key_family(part: str) -> str:
    """A family name as keys spell it: digraphs collapsed ('mueller', 'muller' -> 'muller')."""
    return _COLLAPSE.sub("", part)


def name_keys_of(name: str) -> list[str]:
    """Every blocking key of a name: a family name part and the first initial, e.g. 'fang g',
    for each reading, the likeliest first."""
    keys: list[str] = []
    for r in readings(name):
        if not r.given:
            continue
        for part in (r.family[-1], r.family[0]):
            keys.append(f"{_key_family(part)} {r.given[0][0]}")
    if not keys:
        keys = [_key_family(r.family[-1]) for r in readings(name)[:1]]
    return list(dict.fromkeys(keys))


def name_key(name: str) -> str:
    """The blocking key: folded family name and first initial, e.g. 'fang g' ('' when none)."""
    keys = name_keys_of(name)
    return keys[0] if keys else ""


def name_key_swapped(name: str) -> str:
    """The second blocking key: the name read another way (the other order, the other part of
    a double family name); '' when there is none."""
    keys = name_keys_of(name)
    return keys[1] if len(keys) > 1 else ""


def near_keys(name: str) -> tuple[str, str, list[str]]:
    """The head and tail keys of a long family name (its first and last letters, its length and
    the first initial) and the six probes that find a family name one edit away; empty when
    the likeliest reading has no long family name or no given name."""
    found = readings(name)
    if not found or not found[0].given:
        return "", "", []
    family, initial = found[0].family[-1], found[0].given[0][0]
    if len(family) < LONG_FAMILY:
        return "", "", []
    size = len(family)
    head, tail = family[:NEAR_PART], family[-NEAR_PART:]
    probes = [
        f"{end}{n} {initial}"
        for end in (f"<{head}", f">{tail}")
        for n in (size - 1, size, size + 1)
    ]
    return f"<{head}{size} {initial}", f">{tail}{size} {initial}", probes


class NameKeys(TypedDict):
    """The blocking properties of a researcher record."""

    nameKey: str
    nameKeyAlt: str
    nameKeyHead: str | None
    nameKeyTail: str | None
    nameKeyNear: list[str] | None
    nameKeyVersion: int


def name_keys(name: str) -> NameKeys:
    """The properties a researcher record carries for blocking."""
    head, tail, near = near_keys(name)
    return {
        "nameKey": name_key(name),
        "nameKeyAlt": name_key_swapped(name),
        "nameKeyHead": head or None,
        "nameKeyTail": tail or None,
        "nameKeyNear": near or None,
        "nameKeyVersion": KEY_VERSION,
    }
