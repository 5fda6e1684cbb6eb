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
from bzpeer_graphql.duplicates import comparable, likeness
from bzpeer_graphql.ingest import synthetic
from bzpeer_graphql.ingest.planted import plant
from bzpeer_graphql.ingest.records import Affiliation, Paper, Record, Researcher
from bzpeer_graphql.names import name_keys


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
    """Every pair of a block (name key, other-order key or ORCID) that scores."""
    blocks: dict[str, set[str]] = defaultdict(set)
    for key, row in found.items():
        keys = name_keys(row["name"] or "")
        if keys["nameKey"]:
            blocks[keys["nameKey"]].add(key)
        if row["orcid"]:
            blocks["orcid " + row["orcid"]].add(key)
    pairs = {frozenset(p) for block in blocks.values() for p in combinations(sorted(block), 2)}
    for key, row in found.items():
        alt = name_keys(row["name"] or "")["nameKeyAlt"]
        pairs |= {frozenset((key, other)) for other in blocks.get(alt, ()) if alt and other != key}
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
