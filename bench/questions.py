"""The query mix: each question as the floor (Cypher), bzpeer and the peer ask it, and how each
answer is reduced to the same comparable shape (ids, in order, with the numbers that matter)."""

from __future__ import annotations

from typing import Any

from bench.neighbourhood import NEIGHBOURHOOD
from bench.paging import PAGES
from bench.question import FLOOR_DIR, Canon, Question
from bzpeer_graphql.identity.trust import trust_from_stats

__all__ = ["FLOOR_DIR", "QUESTIONS", "Canon", "Question"]


def _ids(items: list[dict[str, Any]]) -> list[str]:
    return [item["id"] for item in items]


# ---- 1. the profile page --------------------------------------------------------------------

PROFILE_BZPEER = """query($id: ID!) { researcher(id: $id) {
  name headline openToCollaborate affiliation { name }
  trust { score label verificationLevel claimStatus }
  counts { works followers topics closeCollaborators }
  closeCollaborators { researcher { id name } sharedWorks }
  works(first: 20) { totalCount edges { node { id title year type venue abstract } } } } }"""

PROFILE_PEER = """query($id: ID!) { researchers(where: {id: {eq: $id}}) {
  name headline openToCollaborate currentAffiliation { name }
  trustScore followersCount topicsCount closeCollaboratorsCount
  closeCollaborators { id name } closeCollaboratorShares
  worksConnection { aggregate { count { nodes } } }
  works(sort: [{year: DESC}, {title: ASC}, {id: ASC}], limit: 20) {
    id title year type venue abstract } } }"""


def _profile_floor(row: dict[str, Any]) -> Canon:
    trust = trust_from_stats(row)
    return {
        "name": row["name"],
        "affiliation": row["affiliation"],
        "trust": trust.score,
        "counts": [row["works"], row["followers"], row["topics"], row["closeCollaborators"]],
        "close": [[c[0], c[2]] for c in row["close"]],
        "works": _ids(row["recentWorks"]),
    }


def _profile_bzpeer(data: dict[str, Any]) -> Canon:
    r = data["researcher"]
    c = r["counts"]
    return {
        "name": r["name"],
        "affiliation": (r["affiliation"] or {}).get("name"),
        "trust": r["trust"]["score"],
        "counts": [c["works"], c["followers"], c["topics"], c["closeCollaborators"]],
        "close": [[x["researcher"]["id"], x["sharedWorks"]] for x in r["closeCollaborators"]],
        "works": [e["node"]["id"] for e in r["works"]["edges"]],
    }


def _profile_peer(data: dict[str, Any]) -> Canon:
    r = data["researchers"][0]
    return {
        "name": r["name"],
        "affiliation": (r["currentAffiliation"] or {}).get("name"),
        "trust": r["trustScore"],
        "counts": [
            r["worksConnection"]["aggregate"]["count"]["nodes"],
            r["followersCount"],
            r["topicsCount"],
            r["closeCollaboratorsCount"],
        ],
        "close": [
            [c["id"], s]
            for c, s in zip(r["closeCollaborators"], r["closeCollaboratorShares"], strict=True)
        ],
        "works": _ids(r["works"]),
    }


# ---- 2. coauthors of coauthors with their works ---------------------------------------------

COAUTHORS_BZPEER = """query($id: ID!) { researcher(id: $id) {
  coauthors(first: 20) { edges { sharedWorks node { id name
    coauthors(first: 20) { edges { sharedWorks node { id name
      works(first: 20) { edges { node { id title year } } } } } } } } } } }"""

COAUTHORS_PEER = """query($id: ID!) { researchers(where: {id: {eq: $id}}) {
  coauthors(first: 20) { id name
    coauthors(first: 20) { id name
      works(sort: [{year: DESC}, {title: ASC}, {id: ASC}], limit: 20) { id title year } } } } }"""


def _coauthors_floor(row: dict[str, Any]) -> Canon:
    return [
        [c["id"], [[c2["id"], _ids(c2["works"])] for c2 in c["coauthors"]]]
        for c in row["coauthors"]
    ]


def _coauthors_bzpeer(data: dict[str, Any]) -> Canon:
    return [
        [
            e["node"]["id"],
            [
                [e2["node"]["id"], [w["node"]["id"] for w in e2["node"]["works"]["edges"]]]
                for e2 in e["node"]["coauthors"]["edges"]
            ],
        ]
        for e in data["researcher"]["coauthors"]["edges"]
    ]


def _coauthors_peer(data: dict[str, Any]) -> Canon:
    return [
        [c["id"], [[c2["id"], _ids(c2["works"])] for c2 in c["coauthors"]]]
        for c in data["researchers"][0]["coauthors"]
    ]


# ---- 3. works filtered by year and sorted ---------------------------------------------------

WORKS_BZPEER = """query($id: ID!, $from: Int, $to: Int) { researcher(id: $id) {
  works(first: 20, orderBy: YEAR_ASC, filter: {yearFrom: $from, yearTo: $to}) {
    edges { node { id title year venue citedByCount } } } } }"""

WORKS_PEER = """query($id: ID!, $from: Int, $to: Int) { researchers(where: {id: {eq: $id}}) {
  works(where: {year: {gte: $from, lte: $to}}, sort: [{year: ASC}, {title: ASC}, {id: ASC}],
        limit: 20) {
    id title year venue citedByConnection { aggregate { count { nodes } } } } } }"""


def _works_floor(row: dict[str, Any]) -> Canon:
    return [[w["id"], w["citedBy"]] for w in row["works"]]


def _works_bzpeer(data: dict[str, Any]) -> Canon:
    return [
        [e["node"]["id"], e["node"]["citedByCount"]] for e in data["researcher"]["works"]["edges"]
    ]


def _works_peer(data: dict[str, Any]) -> Canon:
    return [
        [w["id"], w["citedByConnection"]["aggregate"]["count"]["nodes"]]
        for w in data["researchers"][0]["works"]
    ]


# ---- 4. a paper, its authors, its citing papers and their authors ---------------------------

PAPER_BZPEER = """query($id: ID!) { paper(id: $id) { title authors { id name }
  citedBy(first: 20) { edges { node { id title year authors { id name } } } } } }"""

PAPER_PEER = """query($id: ID!) { papers(where: {id: {eq: $id}}) { title
  authorsConnection(sort: [{edge: {position: ASC}}]) { edges { node { id name } } }
  citedBy(sort: [{year: DESC}, {title: ASC}, {id: ASC}], limit: 20) { id title year
    authorsConnection(sort: [{edge: {position: ASC}}]) { edges { node { id name } } } } } }"""


def _paper_floor(row: dict[str, Any]) -> Canon:
    return {
        "authors": _ids(row["authors"]),
        "citedBy": [[q["id"], _ids(q["authors"])] for q in row["citedBy"]],
    }


def _paper_bzpeer(data: dict[str, Any]) -> Canon:
    p = data["paper"]
    return {
        "authors": _ids(p["authors"]),
        "citedBy": [[e["node"]["id"], _ids(e["node"]["authors"])] for e in p["citedBy"]["edges"]],
    }


def _peer_authors(connection: dict[str, Any]) -> list[str]:
    return [edge["node"]["id"] for edge in connection["edges"]]


def _paper_peer(data: dict[str, Any]) -> Canon:
    p = data["papers"][0]
    return {
        "authors": _peer_authors(p["authorsConnection"]),
        "citedBy": [[q["id"], _peer_authors(q["authorsConnection"])] for q in p["citedBy"]],
    }


QUESTIONS = [
    Question(
        "profile",
        "profile page of a well-connected researcher",
        "researchers",
        "profile.cypher",
        PROFILE_BZPEER,
        PROFILE_PEER,
        _profile_floor,
        _profile_bzpeer,
        _profile_peer,
    ),
    Question(
        "coauthors",
        "coauthors of coauthors with works (3 levels, 20 each)",
        "researchers",
        "coauthors_of_coauthors.cypher",
        COAUTHORS_BZPEER,
        COAUTHORS_PEER,
        _coauthors_floor,
        _coauthors_bzpeer,
        _coauthors_peer,
    ),
    Question(
        "works",
        "works 2005-2020, oldest first, with citation counts",
        "researchers",
        "works_filtered.cypher",
        WORKS_BZPEER,
        WORKS_PEER,
        _works_floor,
        _works_bzpeer,
        _works_peer,
        (("from", 2005), ("to", 2020)),
    ),
    Question(
        "paper",
        "a paper, its authors, citing papers and their authors",
        "papers",
        "paper_citers.cypher",
        PAPER_BZPEER,
        PAPER_PEER,
        _paper_floor,
        _paper_bzpeer,
        _paper_peer,
    ),
    NEIGHBOURHOOD,
    *PAGES,
]
