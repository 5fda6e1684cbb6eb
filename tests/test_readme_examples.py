"""Every example of the documentation (README.md, docs/, bench/README.md) runs on the seed data:
its ```graphql blocks, its curl commands and the operation of its Python example, in the order a
reader meets them (README first, then the pages of docs/). An example without expectations here
fails the test, so none can drift from the schema unnoticed."""

from __future__ import annotations

import ast
import itertools
import json
import re
import shlex
from collections.abc import Callable
from typing import Any

import httpx
from graphql import OperationDefinitionNode, parse

from bench.analysts import QUESTIONS
from bzpeer_graphql.db.database import Database
from bzpeer_graphql.policy.auth import mint
from bzpeer_graphql.settings import Settings
from tests.doc_pages import doc_texts

#: every page, with a large gap between pages so that offsets order the examples across pages
PAGE_GAP = 10**9
DOCS = [text for _, text in doc_texts()]
SEED = "gongfan-fang"

Check = Callable[[dict[str, Any]], None]


def graphql_blocks(text: str) -> list[tuple[int, str]]:
    """Each ```graphql block with its offset in `text`."""
    return [
        (m.start(), m.group(1)) for m in re.finditer(r"^```graphql\n(.*?)^```", text, re.M | re.S)
    ]


def curl_commands(text: str) -> list[tuple[int, list[str]]]:
    """Each curl command of a ```sh block (continuation lines joined), split like a shell does."""
    found = []
    for block in re.finditer(r"^```sh\n(.*?)^```", text, re.M | re.S):
        joined = block.group(1).replace("\\\n", " ")
        for line in joined.splitlines():
            if line.lstrip().startswith("curl "):
                found.append((block.start(), shlex.split(line, comments=True)))
    return found


def python_executes(text: str) -> list[tuple[int, str, dict[str, Any]]]:
    """The operation and variables of each `execute("...", {...})` in a ```python block."""
    found = []
    for block in re.finditer(r"^```python\n(.*?)^```", text, re.M | re.S):
        for call in re.finditer(r'execute\(\s*("(?:[^"\\]|\\.)*"),\s*(\{[^}]*\})', block.group(1)):
            query = ast.literal_eval(call.group(1))
            found.append((block.start(), query, ast.literal_eval(call.group(2))))
    return found


def root_fields(query: str) -> str:
    """`mutation followResearcher` or `query researcher`: what an example asks, as its key (a
    named operation by its name: `query TopicYears`)."""
    operation = next(d for d in parse(query).definitions if isinstance(d, OperationDefinitionNode))
    if operation.name is not None:
        return f"{operation.operation.value} {operation.name.value}"
    fields = " ".join(s.name.value for s in operation.selection_set.selections)  # type: ignore[attr-defined]
    return f"{operation.operation.value} {fields}"


def profile_page(data: dict[str, Any]) -> None:
    researcher = data["researcher"]
    assert researcher["name"] == "Gongfan Fang" and researcher["affiliation"] is None
    assert researcher["trust"] == {
        "score": 19,
        "label": "Unverified",
        "verificationLevel": 1,
        "claimStatus": "UNCLAIMED",
    }
    assert researcher["counts"] == {
        "works": 5,
        "followers": 0,
        "topics": 4,
        "closeCollaborators": 4,
    }
    assert [
        (c["researcher"]["name"], c["sharedWorks"]) for c in researcher["closeCollaborators"]
    ] == [
        ("Xinchao Wang", 5),
        ("Jie Song", 4),
        ("Mingli Song", 4),
        ("Haofei Zhang", 2),
    ]
    assert researcher["works"]["totalCount"] == 5


def follow(data: dict[str, Any]) -> None:
    # one follower more: 10 + 5 + 4 + 1
    assert data == {
        "followResearcher": {
            "researcher": {
                "counts": {"followers": 1},
                "viewerFollows": True,
                "trust": {"score": 20},
            }
        }
    }


def viewer(data: dict[str, Any]) -> None:
    me = data["viewer"]
    assert (me["user"], me["orcid"]) == ({"id": "user:u1", "handle": "ann"}, None)
    assert me["follows"] == {
        "totalCount": 1,
        "edges": [{"node": {"id": SEED, "name": "Gongfan Fang"}}],
    }
    assert me["claims"] == [] and me["invitationsSent"] == []


def researcher_name(data: dict[str, Any]) -> None:
    assert data == {"researcher": {"name": "Gongfan Fang"}}


def seed_figures(data: dict[str, Any]) -> None:
    assert data == {
        "graphStats": {"researchers": 33, "papers": 17},
        "researcher": {"name": "Gongfan Fang", "counts": {"works": 5, "closeCollaborators": 4}},
    }


def ready(data: dict[str, Any]) -> None:
    assert data == {"status": "ready", "neo4j": "up"}


def coauthoring_institutions(data: dict[str, Any]) -> None:
    assert data == {
        "paperStats": {
            "count": 5,
            "groups": [
                {
                    "keys": [
                        {
                            "value": "national-university-of-singapore",
                            "name": "National University of Singapore",
                        }
                    ],
                    "count": 5,
                },
                {
                    "keys": [{"value": "zhejiang-university", "name": "Zhejiang University"}],
                    "count": 5,
                },
            ],
        }
    }


def two_way_and_two_topics(data: dict[str, Any]) -> None:
    assert data["paperStats"] == {
        "count": 17,
        "groups": [
            {"keys": [{"value": "2019"}, {"value": "article"}], "count": 5},
            {"keys": [{"value": "2020"}, {"value": "article"}], "count": 3},
            {"keys": [{"value": "2020"}, {"value": "preprint"}], "count": 3},
        ],
    }
    people = data["researchers"]
    assert people["totalCount"] == 3
    assert [e["node"]["id"] for e in people["edges"]] == [
        "ruonan-yu",
        "songhua-liu",
        "xinchao-wang",
    ]
    assert data["researcherStats"]["count"] == 33
    assert [(g["keys"][0]["value"], g["count"]) for g in data["researcherStats"]["groups"]] == [
        ("zhejiang-university", 6),
        ("national-university-of-singapore", 4),
    ]


def preprint_sample(data: dict[str, Any]) -> None:
    preprints = {
        "arxiv-2207.13309",
        "arxiv-2205.07523",
        "arxiv-2112.06253",
        "arxiv-1912.11006",
        "arxiv-2007.05441",
        "arxiv-2010.07210",
    }
    drawn = [p["id"] for p in data["paperSample"]]
    assert len(set(drawn)) == 3 and set(drawn) <= preprints


#: what each example must answer, by the root fields it asks
EXPECTED: dict[str, Check] = {
    "query researcher": profile_page,
    "mutation followResearcher": follow,
    "query viewer": viewer,
    "query graphStats researcher": seed_figures,
    "query paperStats": coauthoring_institutions,
    "query paperStats researchers researcherStats": two_way_and_two_topics,
    "query paperSample": preprint_sample,
}


def answered(data: dict[str, Any]) -> None:
    # an analysts' question (docs/analysts.md): its answer is checked against hand-written
    # Cypher by tests/test_bench_analysts.py; here, that the example as written answers
    assert data and all(value is not None for value in data.values())


EXPECTED.update({root_fields(question.graphql): answered for question in QUESTIONS})
#: plain GETs, by path
EXPECTED_GET: dict[str, Check] = {"/readyz": ready}


#: the Python example's operation, which has variables
EXPECTED_PYTHON: dict[str, Check] = {"query researcher": researcher_name}


def in_docs(find: Callable[[str], list[Any]]) -> list[Any]:
    """What `find` finds in every page, each offset made one over all the pages in order."""
    found = []
    for number, text in enumerate(DOCS):
        found += [(number * PAGE_GAP + item[0], *item[1:]) for item in find(text)]
    return found


def docs_token(settings: Settings) -> str:
    """The token the docs' `TOKEN=$(bzpeer-graphql token --user U --handle H ...)` line makes."""
    lines = [
        re.search(r"TOKEN=\$\(bzpeer-graphql token --user (\S+) --handle (\S+)", text)
        for text in DOCS
    ]
    found = next((line for line in lines if line), None)
    assert found is not None
    return mint(settings, found.group(1), found.group(2))


async def test_the_docs_have_examples_of_each_kind() -> None:
    assert len(in_docs(graphql_blocks)) == 2 + len(QUESTIONS)
    assert len(in_docs(curl_commands)) == 3
    assert len(in_docs(python_executes)) == 1
    # the README's own example is the profile page, first of all
    assert [root_fields(query) for _, query in graphql_blocks(DOCS[0])] == ["query researcher"]


async def test_every_docs_example_runs_on_the_seed_data(
    client: httpx.AsyncClient, seeded: Database, settings: Settings
) -> None:
    token = docs_token(settings)
    # (offset over all pages, GET path or None, query, variables, headers, check)
    runs: list[tuple[int, str | None, str, dict[str, Any], dict[str, str], Check]] = []
    for at, query in in_docs(graphql_blocks):
        key = root_fields(query)
        assert key in EXPECTED, f"docs example without expectations here: {query}"
        # an example of a signed-in viewer is sent with the token the docs made
        headers = {"Authorization": f"Bearer {token}"} if key == "query viewer" else {}
        runs.append((at, None, query, {}, headers, EXPECTED[key]))
    for at, argv in in_docs(curl_commands):
        if "-d" not in argv:  # a GET of a plain path
            path = "/" + argv[-1].split("/", 1)[1]
            assert path in EXPECTED_GET, f"docs curl example without expectations here: {argv}"
            runs.append((at, path, "", {}, {}, EXPECTED_GET[path]))
            continue
        headers = {}
        for flag, value in itertools.pairwise(argv):
            if flag == "-H":
                name, _, content = value.partition(":")
                headers[name.strip()] = content.strip().replace("$TOKEN", token)
        payload = json.loads(argv[argv.index("-d") + 1])
        key = root_fields(payload["query"])
        assert key in EXPECTED, f"docs curl example without expectations here: {argv}"
        runs.append(
            (at, None, payload["query"], payload.get("variables", {}), headers, EXPECTED[key])
        )
    for at, operation, values in in_docs(python_executes):
        runs.append((at, None, operation, values, {}, EXPECTED_PYTHON[root_fields(operation)]))
    for _, get, query, variables, headers, check in sorted(runs, key=lambda run: run[0]):
        if get is not None:
            response = await client.get(get)
            assert response.status_code == 200, (get, response.text)
            check(response.json())
            continue
        response = await client.post(
            "/graphql", json={"query": query, "variables": variables}, headers=headers
        )
        body = response.json()
        assert response.status_code == 200 and "errors" not in body, (query, body)
        check(body["data"])
