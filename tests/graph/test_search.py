"""Search and autocomplete: exact results on the seed and on a hand-built graph, one round trip."""

from __future__ import annotations

from typing import Any

import httpx
import pytest

from bzpeer_graphql.db.database import Database
from bzpeer_graphql.ingest.loader import Loader
from bzpeer_graphql.ingest.records import Institution, Paper, Researcher, Topic
from tests.helpers import Records, data, gql, wipe

FOUND = "__typename ... on Node { id }"
SEARCH = f"""query($text: String!, $kinds: [NodeKind!], $first: Int) {{
  search(text: $text, kinds: $kinds, first: $first) {{ {FOUND} }} }}"""
AUTOCOMPLETE = f"""query($prefix: String!, $kinds: [NodeKind!], $first: Int) {{
  autocomplete(prefix: $prefix, kinds: $kinds, first: $first) {{ {FOUND} }} }}"""


def found(result: list[dict[str, Any]]) -> list[tuple[str, str]]:
    return [(item["__typename"], item["id"]) for item in result]


async def search(client: httpx.AsyncClient, text: str, **args: Any) -> list[tuple[str, str]]:
    return found((await data(client, SEARCH, {"text": text, **args}))["search"])


async def autocomplete(
    client: httpx.AsyncClient, prefix: str, **args: Any
) -> list[tuple[str, str]]:
    return found((await data(client, AUTOCOMPLETE, {"prefix": prefix, **args}))["autocomplete"])


# ---- on the seed data ----


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize("text", ["fang", "Gongfan", "gongfan fang", "FANG, Gongfan"])
async def test_the_profile_researcher_by_either_name(client: httpx.AsyncClient, text: str) -> None:
    assert await search(client, text) == [("Researcher", "gongfan-fang")]


@pytest.mark.usefixtures("seeded")
async def test_every_word_is_required(client: httpx.AsyncClient) -> None:
    assert await search(client, "song") == [
        ("Researcher", "jie-song"),
        ("Researcher", "kaitao-song"),
        ("Researcher", "mingli-song"),
    ]
    assert await search(client, "mingli song") == [("Researcher", "mingli-song")]
    assert await search(client, "fan") == []  # whole words only; autocomplete finds starts
    assert await search(client, "fang wang") == []


@pytest.mark.usefixtures("seeded")
async def test_title_and_abstract_words_find_papers(client: httpx.AsyncClient) -> None:
    assert await search(client, "adversarial distillation") == [("Paper", "arxiv-1912.11006")]
    assert await search(client, "graph convolutional networks") == [
        ("Paper", "arxiv-2010.05421"),
        ("Paper", "arxiv-2003.10477"),
    ]
    # words of one abstract only, not of its title
    assert await search(client, "decentralized FedSA") == [("Paper", "arxiv-2207.13309")]


@pytest.mark.usefixtures("seeded")
async def test_one_ranking_across_kinds(client: httpx.AsyncClient) -> None:
    assert await search(client, "knowledge amalgamation") == [
        ("Paper", "arxiv-2207.13309"),
        ("Topic", "knowledge-amalgamation"),
        ("Paper", "arxiv-1908.07121"),
        ("Paper", "arxiv-1904.10167"),
    ]
    assert await search(client, "data-free") == [
        ("Paper", "arxiv-1912.11006"),
        ("Paper", "arxiv-2112.06253"),
        ("Topic", "data-free-learning"),
        ("Paper", "arxiv-2205.07523"),
    ]
    assert await search(client, "singapore") == [
        ("Institution", "national-university-of-singapore")
    ]


@pytest.mark.usefixtures("seeded")
async def test_kinds_and_first(client: httpx.AsyncClient) -> None:
    text = "knowledge amalgamation"
    assert await search(client, text, kinds=["TOPIC"]) == [("Topic", "knowledge-amalgamation")]
    assert await search(client, text, kinds=["PAPER", "INSTITUTION"]) == [
        ("Paper", "arxiv-2207.13309"),
        ("Paper", "arxiv-1908.07121"),
        ("Paper", "arxiv-1904.10167"),
    ]
    assert await search(client, text, kinds=["RESEARCHER", "INSTITUTION"]) == []
    assert await search(client, text, kinds=[]) == []
    assert await search(client, text, first=2) == [
        ("Paper", "arxiv-2207.13309"),
        ("Topic", "knowledge-amalgamation"),
    ]
    assert await search(client, text, first=0) == []


@pytest.mark.usefixtures("seeded")
async def test_autocomplete_matches_word_starts(client: httpx.AsyncClient) -> None:
    assert await autocomplete(client, "gong") == [("Researcher", "gongfan-fang")]
    assert await autocomplete(client, "Mingli So") == [("Researcher", "mingli-song")]
    assert await autocomplete(client, "zhe") == [("Institution", "zhejiang-university")]
    assert await autocomplete(client, "knowledge amal", kinds=["TOPIC"]) == [
        ("Topic", "knowledge-amalgamation")
    ]
    assert len(await autocomplete(client, "d")) == 10  # of the many words starting with d
    assert len(await autocomplete(client, "d", first=None)) == 10
    assert len(await autocomplete(client, "d", first=3)) == 3


@pytest.mark.usefixtures("seeded")
async def test_results_are_full_nodes(client: httpx.AsyncClient) -> None:
    result = await data(
        client,
        """{ search(text: "gongfan") { ... on Researcher { name counts { works } } } }""",
    )
    assert result["search"] == [{"name": "Gongfan Fang", "counts": {"works": 5}}]


# every input with query syntax in it finds exactly what its plain words find
HOSTILE = [
    ("*", ""),
    ("?", ""),
    ('"', ""),
    ("\\", ""),
    ("(", ""),
    ("name:fang", "name fang"),
    ("fang OR *", "fang or"),
    ("AND", "and"),
    ("fang AND NOT gongfan", "fang and not gongfan"),
    ("fang~2", "fang 2"),
    ("fang~", "fang"),
    ("fan*", "fan"),
    ("fan?", "fan"),
    ("[a TO z]", "a to z"),
    ("{a TO z}", "a to z"),
    ("a:b", "a b"),
    ("-fang", "fang"),
    ("+fang -gongfan", "fang gongfan"),
    ("fang^100", "fang 100"),
    ('"gongfan fang"~5', "gongfan fang 5"),
    ("/gon.*/", "gon"),
    ("fang || xinchao", "fang xinchao"),
    ("title:distillation", "title distillation"),
    ("Gongfan\\ Fang", "gongfan fang"),
    ("Jörg Müller", "jörg müller"),
    ("方功凡", "方功凡"),
]


@pytest.mark.usefixtures("seeded")
@pytest.mark.parametrize(("hostile", "plain"), HOSTILE)
async def test_query_syntax_neither_breaks_nor_widens(
    client: httpx.AsyncClient, hostile: str, plain: str
) -> None:
    for query, argument in ((SEARCH, "text"), (AUTOCOMPLETE, "prefix")):
        expected = await data(client, query, {argument: plain})
        assert await data(client, query, {argument: hostile}) == expected


@pytest.mark.usefixtures("seeded")
async def test_what_hostile_inputs_find(client: httpx.AsyncClient) -> None:
    assert await search(client, "fang OR *") == []  # "or" is a word here, and no name has it
    assert await search(client, "-fang") == [("Researcher", "gongfan-fang")]
    assert await search(client, "name:fang") == []
    assert await autocomplete(client, "gon*") == [("Researcher", "gongfan-fang")]


@pytest.mark.usefixtures("seeded")
async def test_text_without_words_costs_no_query(client: httpx.AsyncClient) -> None:
    body = await gql(client, SEARCH, {"text": "*?~ && ||"}, debug=True)
    assert body["data"] == {"search": []}
    assert body["extensions"]["cypher"]["queries"] == 0


@pytest.mark.usefixtures("seeded")
async def test_long_text_is_refused(client: httpx.AsyncClient) -> None:
    body = await gql(client, SEARCH, {"text": "x" * 201})
    assert body["data"] == {"search": None}
    assert body["errors"][0]["message"] == "text must be at most 200 characters (got 201)"
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "text",
        "max": 200,
    }
    body = await gql(client, AUTOCOMPLETE, {"prefix": " ".join(["fang"] * 17)})
    assert body["errors"][0]["message"] == "prefix must have at most 16 words (got 17)"
    assert body["errors"][0]["extensions"] == {
        "code": "BAD_USER_INPUT",
        "argument": "prefix",
        "max": 16,
    }
    assert await search(client, " ".join(["fang"] * 16)) == [("Researcher", "gongfan-fang")]
    body = await gql(client, SEARCH, {"text": "fang", "first": 201})
    assert body["errors"][0]["extensions"]["argument"] == "first"


@pytest.mark.usefixtures("seeded")
async def test_every_search_of_a_request_is_one_round_trip(client: httpx.AsyncClient) -> None:
    body = await gql(
        client,
        """{
      a: search(text: "fang") { __typename }
      b: search(text: "knowledge amalgamation", kinds: [TOPIC, PAPER], first: 2) { __typename }
      c: autocomplete(prefix: "zhe", kinds: [INSTITUTION]) { __typename }
      d: search(text: "singapore", kinds: [RESEARCHER, PAPER, TOPIC, INSTITUTION]) { __typename }
    }""",
        debug=True,
    )
    assert "errors" not in body, body["errors"]
    assert body["data"] == {
        "a": [{"__typename": "Researcher"}],
        "b": [{"__typename": "Paper"}, {"__typename": "Topic"}],
        "c": [{"__typename": "Institution"}],
        "d": [{"__typename": "Institution"}],
    }
    assert body["extensions"]["cypher"]["queries"] == 1
    assert body["extensions"]["cypher"]["batches"] == [{"query": "search_results", "keys": 4}]


def test_every_argument_is_described() -> None:
    from bzpeer_graphql.graph.schema import schema

    query = schema._schema.query_type
    assert query is not None
    for name in ("search", "autocomplete"):
        arguments = query.fields[name].args
        assert set(arguments) == {"text" if name == "search" else "prefix", "kinds", "first"}
        assert all(argument.description for argument in arguments.values())
    union = schema._schema.type_map["SearchResult"]
    assert union.description


# ---- on a graph built for the ranking (it replaces the seed: keep these last) ----


@pytest.fixture(scope="module")
async def library(db: Database) -> Database:
    """Lovelace, Babbage and their namesakes, where the right order is known."""
    await wipe(db)
    await Loader(db).load(
        Records(
            [
                Researcher("ada", "Ada Lovelace"),
                Researcher("augusta", "Augusta Ada King", nameVariants=["Countess of Lovelace"]),
                Researcher("babbage", "Charles Babbage"),
                Researcher("twin-b", "Analytical Twin"),
                Researcher("twin-a", "Analytical Twin"),
                Researcher("obrien", "Conor O'Brien"),
                Researcher("muller", "Jörg Müller"),
                Topic("poetical", "Lovelace and the Poetical Science"),
                Topic("lovelace", "Lovelace"),
                Topic("babbage-machines", "Babbage Machines"),
                Institution("babbage-institute", "Charles Babbage Institute"),
                Paper(
                    "notes-short",
                    "Notes on the Analytical Engine",
                    authors=["ada"],
                ),
                Paper(
                    "notes-long",
                    "Notes on the Analytical Engine",
                    abstract="The engine could compute Bernoulli numbers.",
                    authors=["ada"],
                ),
                Paper("babbage-paper", "Babbage", authors=["babbage"]),
            ]
        )
    )
    return db


@pytest.mark.usefixtures("library")
async def test_ranking_on_a_known_graph(client: httpx.AsyncClient) -> None:
    # the same word in a shorter name scores higher
    assert await search(client, "lovelace", kinds=["TOPIC"]) == [
        ("Topic", "lovelace"),
        ("Topic", "poetical"),
    ]
    # the word in title and abstract beats the same title alone
    assert await search(client, "engine") == [("Paper", "notes-long"), ("Paper", "notes-short")]
    # equal scores: by id
    assert await search(client, "analytical twin") == [
        ("Researcher", "twin-a"),
        ("Researcher", "twin-b"),
    ]
    # a word start scores the same everywhere (1 per field it is in): then by kind
    assert await autocomplete(client, "babb") == [
        ("Researcher", "babbage"),
        ("Paper", "babbage-paper"),
        ("Topic", "babbage-machines"),
        ("Institution", "babbage-institute"),
    ]


@pytest.mark.usefixtures("library")
async def test_name_variants_and_unicode_names(client: httpx.AsyncClient) -> None:
    assert await search(client, "countess") == [("Researcher", "augusta")]
    assert await autocomplete(client, "countess of love") == [("Researcher", "augusta")]
    assert await search(client, "O'Brien") == [("Researcher", "obrien")]
    assert await autocomplete(client, "o'bri") == [("Researcher", "obrien")]
    assert await search(client, "o brien") == []  # O'Brien is one word, as the index cuts it
    for text in ("müller", "MÜLLER", "Jörg Müller", "Jo\u0308rg"):
        assert await search(client, text) == [("Researcher", "muller")]
    assert await autocomplete(client, "mül") == [("Researcher", "muller")]
    assert await search(client, "muller") == []  # accents count
