"""User text becomes a Lucene query of required words and nothing else."""

from __future__ import annotations

import pytest

from bzpeer_graphql.errors import BadUserInput
from bzpeer_graphql.loaders.search import escaped, fulltext_query


@pytest.mark.parametrize(
    ("text", "query"),
    [
        ("fang", "+fang"),
        ("Gongfan  FANG", "+gongfan +fang"),
        ("knowledge-amalgamation", "+knowledge +amalgamation"),
        ("fang OR *", "+fang +or"),
        ("AND", "+and"),
        ("NOT fang", "+not +fang"),
        ("-fang", "+fang"),
        ("name:fang", "+name +fang"),
        ("a:b", "+a +b"),
        ("fang~2", "+fang +2"),
        ("fang^10", "+fang +10"),
        ("[a TO z]", "+a +to +z"),
        ("{a TO z}", "+a +to +z"),
        ('"gongfan fang"', "+gongfan +fang"),
        ("/fa.g/", "+fa +g"),
        ("fang && gongfan || !xinchao", "+fang +gongfan +xinchao"),
        ("fan? f*ng", "+fan +f +ng"),
        ("fang\\", "+fang"),
        ("(fang)", "+fang"),
        ("Conor O'Brien", "+conor +o'brien"),
        ("O\u2019Brien", "+o\u2019brien"),
        ("arXiv 2207.13309 1,000", "+arxiv +2207.13309 +1,000"),
        ("J.Smith", "+j +smith"),
        ("Jörg MÜLLER", "+jörg +müller"),
        ("Jo\u0308rg", "+jörg"),  # a combining umlaut is composed first
        ("ΟΔΥΣΣΕΥΣ", "+οδυσσευσ"),  # lowercased letter by letter, as the index does
        ("İstanbul", "+İstanbul"),  # no one-letter lowercase: left to the index's analyzer
        ("方功凡", "+方功凡"),
        ("snake_case", "+snake_case"),
    ],
)
def test_only_required_words_get_through(text: str, query: str) -> None:
    assert fulltext_query(text) == query


@pytest.mark.parametrize("text", ["", "   ", "*", "?", '"', "\\", "(", ")", "-", "&&", ":", "~"])
def test_no_words_no_query(text: str) -> None:
    assert fulltext_query(text) is None
    assert fulltext_query(text, prefix=True) is None


def test_autocomplete_makes_only_the_last_word_a_prefix() -> None:
    assert fulltext_query("gong", prefix=True) == "+gong*"
    assert fulltext_query("knowledge amal", prefix=True) == "+knowledge +amal*"
    assert fulltext_query("gong*", prefix=True) == "+gong*"
    assert fulltext_query("gong *", prefix=True) == "+gong*"
    assert fulltext_query("o'bri", prefix=True) == "+o'bri*"


def test_at_most_200_characters() -> None:
    assert fulltext_query("a" * 200) == "+" + "a" * 200
    with pytest.raises(BadUserInput) as raised:
        fulltext_query("a" * 201, argument="prefix")
    assert str(raised.value) == "prefix must be at most 200 characters (got 201)"
    assert raised.value.extensions == {"argument": "prefix", "max": 200}


def test_at_most_16_words() -> None:
    assert fulltext_query(" ".join(["w"] * 16)) == " ".join(["+w"] * 16)
    with pytest.raises(BadUserInput) as raised:
        fulltext_query(" ".join(["w"] * 17))
    assert str(raised.value) == "text must have at most 16 words (got 17)"
    assert raised.value.extensions == {"argument": "text", "max": 16}


def test_query_syntax_is_escaped_even_inside_a_word() -> None:
    assert escaped('a+b-c&d|e!f(g)h{i}j[k]l^m"n~o*p?q:r\\s/t') == (
        'a\\+b\\-c\\&d\\|e\\!f\\(g\\)h\\{i\\}j\\[k\\]l\\^m\\"n\\~o\\*p\\?q\\:r\\\\s\\/t'
    )
    assert escaped("o'brien") == "o'brien"
