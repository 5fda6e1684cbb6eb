"""A synthetic research graph at any size, the data of every benchmark.

Researchers live in coauthor communities with a topic mix and an institution or two; each paper
is written by a heavy-tailed number of authors drawn by preferential attachment (so papers per
author are heavy-tailed too), mostly from one community, and cites earlier papers, preferring
those already cited often. Same seed, same file. Every id starts with `syn-`, so none collides
with a real (seed or OpenAlex) id.
"""

from __future__ import annotations

import json
import math
import random
from collections.abc import Iterator
from dataclasses import dataclass
from pathlib import Path

from bzpeer_graphql.ingest import jsonl
from bzpeer_graphql.ingest.records import (
    Affiliation,
    Institution,
    Paper,
    PaperTopic,
    Record,
    Researcher,
    Topic,
    to_json,
)

FIRST_YEAR, LAST_YEAR = 1995, 2025
COMMUNITY_SIZE = 60
RESEARCHERS_PER_PAPER = 0.6
_SYLLABLES = (
    "ka",
    "lo",
    "mi",
    "ra",
    "ve",
    "no",
    "ti",
    "sa",
    "du",
    "fe",
    "zo",
    "ne",
    "pa",
    "qui",
    "ber",
    "lin",
    "dor",
    "mas",
    "tel",
    "vin",
    "gar",
    "hol",
    "sen",
    "wu",
)
_FIELDS = (
    "Graph",
    "Signal",
    "Protein",
    "Language",
    "Vision",
    "Market",
    "Climate",
    "Circuit",
    "Network",
    "Learning",
    "Query",
    "Sensor",
    "Genome",
    "Robot",
    "Privacy",
    "Storage",
)
_ASPECTS = (
    "Models",
    "Inference",
    "Search",
    "Compression",
    "Alignment",
    "Dynamics",
    "Analysis",
    "Optimization",
    "Representation",
    "Retrieval",
    "Verification",
    "Synthesis",
)
_TYPES = (
    ("article", 0.62),
    ("preprint", 0.23),
    ("book-chapter", 0.05),
    ("dataset", 0.02),
    ("review", 0.08),
)
_COUNTRIES = ("NL", "DE", "US", "CN", "SG", "JP", "BR", "IN", "FR", "GB", "CA", "KE", "AU", "ES")


@dataclass(frozen=True)
class Plan:
    """How many of each kind a graph of `papers` papers gets."""

    papers: int
    researchers: int
    communities: int
    topics: int
    institutions: int

    @classmethod
    def for_papers(cls, papers: int) -> Plan:
        researchers = max(3, int(papers * RESEARCHERS_PER_PAPER))
        communities = max(1, researchers // COMMUNITY_SIZE)
        return cls(
            papers=papers,
            researchers=researchers,
            communities=communities,
            topics=max(8, min(4000, papers // 100)),
            institutions=max(2, communities // 3),
        )


def _name(rng: random.Random, parts: int) -> str:
    return " ".join(
        "".join(rng.choice(_SYLLABLES) for _ in range(rng.randint(2, 3))).capitalize()
        for _ in range(parts)
    )


def _authors_per_paper(rng: random.Random) -> int:
    """Heavy-tailed: one in eight alone, mostly 2-5, sometimes dozens (a power-law tail)."""
    if rng.random() < 0.12:
        return 1
    return min(40, 1 + int(1.6 * (1.0 - rng.random()) ** (-1.0 / 1.7)))


def _pick_type(rng: random.Random) -> str:
    roll, total = rng.random(), 0.0
    for kind, share in _TYPES:
        total += share
        if roll < total:
            return kind
    return _TYPES[0][0]


def generate(papers: int, seed: int) -> Iterator[Record]:
    """The records of a synthetic graph with `papers` papers; deterministic for a seed."""
    rng = random.Random(seed)
    plan = Plan.for_papers(papers)

    for i in range(plan.institutions):
        yield Institution(
            f"syn-i{i}",
            f"{_name(rng, 1)} Institute of Technology",
            country=rng.choice(_COUNTRIES),
            ror=f"0syn{i:05d}",
        )
    topic_names = [f"{rng.choice(_FIELDS)} {rng.choice(_ASPECTS)} {i}" for i in range(plan.topics)]
    for i, name in enumerate(topic_names):
        yield Topic(f"syn-t{i}", name)

    community_of = [rng.randrange(plan.communities) for _ in range(plan.researchers)]
    members: list[list[int]] = [[] for _ in range(plan.communities)]
    for researcher, community in enumerate(community_of):
        members[community].append(researcher)
    for community, people in enumerate(members):
        if not people:  # every community gets somebody
            people.append(community % plan.researchers)
    mixes = [
        rng.sample(range(plan.topics), k=min(plan.topics, rng.randint(3, 6)))
        for _ in range(plan.communities)
    ]
    homes = [rng.randrange(plan.institutions) for _ in range(plan.communities)]

    for r in range(plan.researchers):
        yield Researcher(
            f"syn-r{r}",
            _name(rng, 2),
            openToCollaborate=rng.random() < 0.3,
            orcid=f"0000-0000-{r // 10000:04d}-{r % 10000:04d}" if rng.random() < 0.4 else None,
        )
    for r in range(plan.researchers):
        home = homes[community_of[r]]
        if rng.random() < 0.85:
            yield Affiliation(
                f"syn-r{r}", f"syn-i{home}", current=True, since=rng.randint(FIRST_YEAR, LAST_YEAR)
            )
        if rng.random() < 0.3:
            past = rng.randrange(plan.institutions)
            since = rng.randint(FIRST_YEAR, LAST_YEAR - 5)
            yield Affiliation(
                f"syn-r{r}",
                f"syn-i{past}",
                current=False,
                since=since,
                until=since + rng.randint(1, 5),
            )

    yield from _papers(rng, plan, members, mixes)


def _papers(
    rng: random.Random, plan: Plan, members: list[list[int]], mixes: list[list[int]]
) -> Iterator[Paper]:
    # urns: an entry per paper written (authors) or per citation received (papers) plus one,
    # so a uniform draw is preferential attachment
    author_urns = [list(people) for people in members]
    cited_urns: list[list[int]] = [[] for _ in range(plan.communities)]
    global_cited: list[int] = []
    community_weights = [len(people) for people in members]
    communities = rng.choices(range(plan.communities), weights=community_weights, k=plan.papers)
    for index in range(plan.papers):
        community = communities[index]
        year = FIRST_YEAR + int((LAST_YEAR - FIRST_YEAR + 1) * math.sqrt(index / plan.papers))
        authors: list[int] = []
        for _ in range(_authors_per_paper(rng)):
            home = community if rng.random() < 0.88 else rng.randrange(plan.communities)
            author = rng.choice(author_urns[home])
            if author not in authors:
                authors.append(author)
        for author in authors:
            author_urns[community].append(author)
        mix = mixes[community]
        chosen = rng.sample(mix, k=min(len(mix), rng.randint(1, 3)))
        scores = sorted((round(rng.uniform(0.3, 1.0), 3) for _ in chosen), reverse=True)
        references: list[int] = []
        if global_cited:
            for _ in range(min(int(rng.expovariate(1 / 9)), 60)):
                urn = (
                    cited_urns[community]
                    if rng.random() < 0.7 and cited_urns[community]
                    else global_cited
                )
                cited = rng.choice(urn)
                if cited not in references:
                    references.append(cited)
        for cited in references:
            global_cited.append(cited)
            cited_urns[community].append(cited)
        global_cited.append(index)
        cited_urns[community].append(index)
        topic = chosen[0]
        kind = _pick_type(rng)
        yield Paper(
            id=f"syn-w{index}",
            title=f"{rng.choice(_ASPECTS)} of {rng.choice(_FIELDS).lower()} "
            f"{rng.choice(_ASPECTS).lower()} for {_name(rng, 1).lower()} systems",
            abstract=f"We study {rng.choice(_FIELDS).lower()} {rng.choice(_ASPECTS).lower()} "
            f"in the setting of topic {topic}. "
            + " ".join(_name(rng, 1).lower() for _ in range(rng.randint(20, 50)))
            + ".",
            year=year,
            type=kind,
            venue="arXiv" if kind == "preprint" else f"Journal of {_name(rng, 1)} Studies",
            doi=f"10.5555/syn.{index}" if kind != "preprint" and rng.random() < 0.8 else None,
            openAccess=rng.random() < 0.45,
            authors=[f"syn-r{a}" for a in authors],
            topics=[PaperTopic(f"syn-t{t}", s) for t, s in zip(chosen, scores, strict=True)],
            references=[f"syn-w{c}" for c in references],
        )


def write(path: Path, papers: int, seed: int) -> dict[str, int]:
    """Writes the synthetic graph as a bzpeer file (gzip if the name ends in .gz); counts kinds."""
    counts: dict[str, int] = {}
    with jsonl.open_text_out(path) as out:
        for record in generate(papers, seed):
            counts[record.kind] = counts.get(record.kind, 0) + 1
            out.write(json.dumps(to_json(record), separators=(",", ":")) + "\n")
    return counts
