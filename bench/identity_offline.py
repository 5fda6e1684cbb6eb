"""Precision and recall of duplicate candidates scored in Python from the generated records alone.

The same blocking keys and scoring as the stored pairs, with the features (coauthors, their
coauthors, topics, institutions, years) counted from the records instead of read from Neo4j: a
check of many seeds and sizes in seconds each, which `bench.identity_quality` confirms through
the API (a 5,000-paper run gives the same pairs). Usage:
python -m bench.identity_offline --papers 5000,20000 --seeds 1,2,3,4,5,6
"""

from __future__ import annotations

import argparse
from collections import defaultdict
from itertools import combinations
from typing import Any

from bench.identity_quality import _ints, _print_quality, _quality
from bzpeer_graphql.identity.likeness import CROWD, comparable, likeness
from bzpeer_graphql.identity.names import name_keys
from bzpeer_graphql.ingest import synthetic
from bzpeer_graphql.ingest.planted import plant
from bzpeer_graphql.ingest.records import Affiliation, Paper, Record, Researcher


def features(records: list[Record]) -> dict[str, dict[str, Any]]:
    """What researcher_identity features returns, counted from the records."""
    people: dict[str, Researcher] = {}
    coauthors: dict[str, set[str]] = defaultdict(set)
    topics: dict[str, set[str]] = defaultdict(set)
    institutions: dict[str, set[str]] = defaultdict(set)
    years: dict[str, list[int]] = defaultdict(list)
    for record in records:
        if isinstance(record, Researcher):
            people[record.id] = record
        elif isinstance(record, Affiliation):
            institutions[record.researcher].add(record.institution)
        elif isinstance(record, Paper):
            for author in record.authors:
                coauthors[author].update(a for a in record.authors if a != author)
                topics[author].update(t.id for t in record.topics)
                if record.year is not None:
                    years[author].append(record.year)
    found = {}
    for key, person in people.items():
        network = set().union(*(coauthors[c] for c in coauthors[key])) - {key}
        found[key] = {
            "key": key,
            "name": person.name,
            "nameVariants": person.nameVariants,
            "orcid": person.orcid,
            "coauthors": sorted(coauthors[key]),
            "network": sorted(network),
            "topics": sorted(topics[key]),
            "institutions": sorted(institutions[key]),
            "firstYear": min(years[key]) if years[key] else None,
            "lastYear": max(years[key]) if years[key] else None,
        }
    return found


def scored_pairs(found: dict[str, dict[str, Any]]) -> dict[frozenset[str], float]:
    """Every pair the stored pairs would hold: two records of one block (name key or other-order
    key, looked up both ways, or a long family name one edit away) whose crowds (the records
    holding their keys, as `duplicates/blocks` counts them) are both within CROWD or that share
    a coauthor, or two records with one ORCID, that score."""
    keys = {key: name_keys(row["name"] or "") for key, row in found.items()}
    by_key: dict[str, set[str]] = defaultdict(set)
    by_alt: dict[str, set[str]] = defaultdict(set)
    by_orcid: dict[str, set[str]] = defaultdict(set)
    by_end: dict[str, set[str]] = defaultdict(set)  # head and tail keys (one edit away)
    for key, row in found.items():
        for end in ("nameKeyHead", "nameKeyTail"):
            if keys[key][end]:
                by_end[str(keys[key][end])].add(key)
        if keys[key]["nameKey"]:
            by_key[keys[key]["nameKey"]].add(key)
        if keys[key]["nameKeyAlt"]:
            by_alt[keys[key]["nameKeyAlt"]].add(key)
        if row["orcid"]:
            by_orcid[row["orcid"]].add(key)
    blocks, crowds = {}, {}
    for key in found:
        own, alt = keys[key]["nameKey"], keys[key]["nameKeyAlt"]
        block = set(by_key.get(own, ())) | by_alt.get(own, set()) if own else set()
        block = block | by_key.get(alt, set()) if alt else block
        for probe in keys[key]["nameKeyNear"] or []:
            if len(by_end.get(probe, ())) <= CROWD:
                block |= by_end.get(probe, set())
        blocks[key] = block - {key}
        crowd = len(by_key.get(own, ())) + len(by_alt.get(own, ())) if own else 0
        crowds[key] = crowd + (len(by_key.get(alt, ())) if alt else 0)
    pairs = set()
    for key, block in blocks.items():
        small = crowds[key] <= CROWD
        mine = set(found[key]["coauthors"])
        for other in block:
            if (small and crowds[other] <= CROWD) or mine & set(found[other]["coauthors"]):
                pairs.add(frozenset((key, other)))
    pairs |= {frozenset(p) for block in by_orcid.values() for p in combinations(sorted(block), 2)}
    scores = {}
    for pair in pairs:
        a, b = sorted(pair)
        if comparable(found[a], found[b]) and (alike := likeness(found[a], found[b])):
            scores[pair] = alike.score
    return scores


if __name__ == "__main__":
    parser = argparse.ArgumentParser(description=(__doc__ or "").splitlines()[0])
    parser.add_argument("--papers", type=_ints, default=[5000])
    parser.add_argument("--seeds", type=_ints, default=[1])
    parser.add_argument("--plant", type=int, default=0, help="duplicates (default papers/50)")
    args = parser.parse_args()
    for papers in args.papers:
        for seed in args.seeds:
            count = args.plant or papers // 50
            records, truth = plant(list(synthetic.generate(papers, seed)), count, seed)
            pairs = scored_pairs(features(records))
            label = f"{papers} papers, seed {seed}, {count} planted: {len(pairs)} pairs"
            _print_quality(label, _quality(pairs, truth.as_json()))
