"""Author identity problems planted in a synthetic graph, with the truth kept beside it.

Three kinds, chosen by their own seeded random stream so the graph around them stays the one
`generate` makes: duplicates (a second record of a person, named by a variant of the name and
holding part of the works), namesakes (two people given one name: not duplicates) and mixed
records (one record that also holds the works of another person, who disappears).
"""

from __future__ import annotations

import json
import random
from collections import defaultdict
from collections.abc import Iterator
from dataclasses import dataclass, field, replace
from pathlib import Path
from typing import Any

from bzpeer_graphql.ingest import jsonl, synthetic
from bzpeer_graphql.ingest.records import Affiliation, Paper, Record, Researcher, to_json

_ACCENTED = {"a": "á", "e": "é", "i": "í", "o": "ö", "u": "ü"}


@dataclass
class Truth:
    """What was planted: duplicate pairs (original, copy), namesake pairs, mixed records."""

    duplicates: list[tuple[str, str]] = field(default_factory=list)
    namesakes: list[tuple[str, str]] = field(default_factory=list)
    mixed: list[dict[str, Any]] = field(default_factory=list)

    def as_json(self) -> dict[str, Any]:
        return {
            "duplicates": [list(p) for p in self.duplicates],
            "namesakes": [list(p) for p in self.namesakes],
            "mixed": self.mixed,
        }


def variant(name: str, rng: random.Random) -> str:
    """Another spelling of a two-part name: initial, family name first, or an accent."""
    given, family = name.split(" ", 1)
    style = rng.choice(("initial", "order", "accent"))
    if style == "initial":
        return f"{given[0]}. {family}"
    if style == "order":
        return f"{family} {given}"
    spots = [i for i, ch in enumerate(given) if ch in _ACCENTED]
    if not spots:
        return f"{given[0]}. {family}"
    i = rng.choice(spots)
    return f"{given[:i]}{_ACCENTED[given[i]]}{given[i + 1 :]} {family}"


def plant(records: list[Record], count: int, seed: int) -> tuple[list[Record], Truth]:
    """`count` duplicates, `count` namesake pairs and `count // 2` mixed records planted."""
    rng = random.Random(f"identity-{seed}")
    people = {r.id: r for r in records if isinstance(r, Researcher)}
    works: dict[str, list[int]] = defaultdict(list)
    for index, record in enumerate(records):
        if isinstance(record, Paper):
            for author in record.authors:
                works[author].append(index)
    prolific = sorted(i for i in people if len(works[i]) >= 2)
    chosen = rng.sample(prolific, k=min(len(prolific), 3 * count + count // 2 * 2))
    truth = Truth()
    renames: dict[int, dict[str, str]] = defaultdict(dict)  # paper index -> {old: new}
    extra: list[Record] = []
    dropped: set[str] = set()
    for original in chosen[:count]:
        copy = f"{original}-dup"
        extra.append(Researcher(copy, variant(people[original].name or "", rng)))
        mine = works[original]
        for index in rng.sample(mine, k=max(1, len(mine) // 2)):
            renames[index][original] = copy
        truth.duplicates.append((original, copy))
    pairs = chosen[count : 3 * count]
    for a, b in zip(pairs[::2], pairs[1::2], strict=False):
        people[b] = replace(people[b], name=people[a].name)
        truth.namesakes.append((a, b))
    rest = chosen[3 * count :]
    for host, guest in zip(rest[::2], rest[1::2], strict=False):
        for index in works[guest]:
            renames[index][guest] = host
        dropped.add(guest)
        moved = [records[i] for i in works[guest]]
        truth.mixed.append(
            {
                "record": host,
                "works": sorted(
                    p.id for p in moved if isinstance(p, Paper) and host not in p.authors
                ),
            }
        )
    return list(_rewritten(records, people, renames, dropped, extra)), truth


def _rewritten(
    records: list[Record],
    people: dict[str, Researcher],
    renames: dict[int, dict[str, str]],
    dropped: set[str],
    extra: list[Record],
) -> Iterator[Record]:
    pending = extra
    for index, record in enumerate(records):
        if isinstance(record, Paper) and pending:  # the planted records precede the papers
            yield from pending
            pending = []
        if isinstance(record, Researcher):
            if record.id not in dropped:
                yield people[record.id]
        elif isinstance(record, Affiliation) and record.researcher in dropped:
            continue
        elif isinstance(record, Paper) and index in renames:
            authors = [renames[index].get(a, a) for a in record.authors]
            yield replace(record, authors=list(dict.fromkeys(authors)))
        else:
            yield record


def write_planted(path: Path, papers: int, seed: int, count: int) -> tuple[dict[str, int], Truth]:
    """Writes the synthetic graph of `generate` with identity problems planted; counts kinds."""
    records, truth = plant(list(synthetic.generate(papers, seed)), count, seed)
    counts: dict[str, int] = {}
    with jsonl.open_text_out(path) as out:
        for record in records:
            counts[record.kind] = counts.get(record.kind, 0) + 1
            out.write(json.dumps(to_json(record), separators=(",", ":")) + "\n")
    return counts, truth
