"""Cypher files by name, and the shared fragments put into them as they are read."""

from __future__ import annotations

import re

import pytest

from bzpeer_graphql.db import cypher
from bzpeer_graphql.resources import project_dir

#: every statement that pages a list after a cursor
PAGE_STATEMENTS = [
    "loaders/duplicate_candidates_page",
    "loaders/institution_members",
    "loaders/institutions_page",
    "loaders/paper_cited_by",
    "loaders/paper_references",
    "loaders/papers_page",
    "loaders/researcher_coauthors",
    "loaders/researcher_coauthors_of_coauthors",
    "loaders/researcher_works",
    "loaders/researchers_page",
    "loaders/topic_papers",
    "loaders/topic_researchers",
    "loaders/topics_page",
    "loaders/viewer_follows",
]


def _raw(name: str) -> str:
    """A Cypher file as written, before its fragments are put in."""
    return (project_dir("cypher") / f"{name}.cypher").read_text()


def test_the_keyset_condition_compares_the_sort_key_item_by_item() -> None:
    assert cypher.fragment("after_cursor", "i.sort, key.after") == (
        "(i.sort[0] > key.after[0] OR (i.sort[0] = key.after[0] AND "
        "(i.sort[1] > key.after[1] OR (i.sort[1] = key.after[1] AND (i.sort[2] > key.after[2] "
        "OR (i.sort[2] = key.after[2] AND (i.sort[3] > key.after[3] OR (i.sort[3] = "
        "key.after[3] AND i.sort[4] > key.after[4]))))))) OR key.after[0] IS NULL)"
    )


def test_the_far_end_condition_is_the_keyset_condition_the_other_way_round() -> None:
    assert cypher.fragment("before_cursor", "i.sort, key.before") == (
        cypher.fragment("after_cursor", "i.sort, key.after")
        .replace("after", "before")
        .replace(">", "<")
    )


def test_a_window_keeps_the_first_items_or_with_last_the_last() -> None:
    window = cypher.fragment("page_window", "ranked")
    inside = (
        f"[w IN ranked WHERE {cypher.fragment('after_cursor', 'w.sort, key.after')} AND "
        f"{cypher.fragment('before_cursor', 'w.sort, key.before')}]"
    )
    assert window == (
        f"CASE WHEN key.backward THEN {inside}[-$limit..] ELSE {inside}[..$limit] END"
    )


def test_every_page_statement_takes_the_one_keyset_condition() -> None:
    takers = sorted(
        name
        for folder in ("loaders", "explore", "search")
        for name in cypher.names(folder)
        if "{{ after_cursor(" in _raw(name) or "{{ page_window(" in _raw(name)
    )
    assert takers == PAGE_STATEMENTS
    for name in PAGE_STATEMENTS:
        text = cypher.load(name)
        assert "{{" not in text
        for piece in ("after_cursor", "before_cursor", "page_window"):
            for argument in re.findall(r"\{\{ " + piece + r"\((.+?)\) \}\}", _raw(name)):
                assert cypher.fragment(piece, argument) in text
        # both ends of the window, whichever way the statement takes them
        assert "key.after[4]" in text and "key.before[4]" in text
    # nobody pastes the condition again: no statement compares a cursor's later items itself
    compares = re.compile(r"[<>=] *\(?key\.(after|before)\[[1-4]\]")
    pasted = [
        name
        for folder in ("loaders", "explore", "search", "mutations")
        for name in cypher.names(folder)
        if compares.search(_raw(name))
    ]
    assert pasted == []


def test_the_index_walks_take_the_condition_over_the_index_order() -> None:
    # the year walk reads the cursor's items from the key once, not on each paper it tests
    papers = cypher.load("loaders/papers_page")
    assert papers.count("WITH key, key.after[0] AS a0, key.after[1] AS a1") == 2
    assert "(-p.year) > (a0) OR ((-p.year) = (a0)" in papers
    assert "(p.id) = (a3) AND ('') > (a4)" in papers
    assert "(r.name) > key.after[2]" in cypher.load("loaders/researchers_page")


def test_a_list_literal_is_indexed_once_at_expansion() -> None:
    # Neo4j builds `[a, b][0]` again on every row it tests: a key given as a list literal has
    # its items put in place; any other list stays indexed
    folded = cypher.fragment("after_cursor", "[-p.year, 0, p.title, p.id, ''], key.after")
    assert "[-p.year" not in folded
    assert folded.startswith("((-p.year) > key.after[0] OR ")
    kept = cypher.fragment("after_cursor", "[a] + [b, c, d, e], key.after")
    assert "[a] + [b, c, d, e][0] > key.after[0]" in kept
    # a cursor given as a list of variables is put in place too
    items = cypher.fragment("after_cursor", "i.sort, [a0, a1, a2, a3, a4]")
    assert items.startswith("(i.sort[0] > (a0) OR ") and items.endswith("OR (a0) IS NULL)")


def test_an_unknown_fragment_is_an_unknown_query() -> None:
    with pytest.raises(cypher.UnknownQueryError, match="fragments/no_such_piece"):
        cypher.fragment("no_such_piece", "x")


def test_a_variant_names_the_key_fields_its_statement_tests() -> None:
    # fields the statement does not test (page arguments, another list's filter) are left out,
    # so pages of one filter share one statement and one cached plan
    works = cypher.variant("loaders/researcher_works", {"yearTo", "yearFrom", "first", "nope"})
    assert works == "loaders/researcher_works@yearFrom,yearTo"
    assert cypher.variant("loaders/researcher_works", set()) == "loaders/researcher_works@"
    assert cypher.variant("loaders/paper_authors", {"yearFrom"}) == "loaders/paper_authors"
    assert {"nameContains", "institution", "topicAllOf"} <= cypher.variant_fields(
        "loaders/researchers_page"
    )
    assert "nameContains" not in cypher.variant_fields("loaders/papers_page")
    # the cursors, through the page fragments (`// without after: true`)
    assert {"after", "before"} <= cypher.variant_fields("loaders/paper_cited_by")
    assert cypher.variant("loaders/paper_cited_by", {"id", "after"}) == (
        "loaders/paper_cited_by@after"
    )


def test_a_first_page_tests_no_cursor() -> None:
    first = cypher.load("loaders/paper_cited_by@")
    later = cypher.load("loaders/paper_cited_by@after")
    assert "key.after" not in first and "key.before" not in first
    assert "w.sort[0] > key.after[0]" in later and "key.before" not in later
    assert "key.before[0]" in cypher.load("loaders/paper_cited_by")


def test_a_variant_tests_only_the_conditions_of_its_fields() -> None:
    whole = cypher.load("loaders/researcher_works")
    years = cypher.load("loaders/researcher_works@yearFrom,yearTo")
    assert "key.topic IS NULL" in whole and "key.topic" not in years
    assert (
        "WHERE ((key.yearFrom IS NULL OR p.year >= key.yearFrom) "
        "AND (key.yearTo IS NULL OR p.year <= key.yearTo))" in years
    )
    # no field naming a node: no look-up of unknown ids
    assert years.rstrip().endswith("[] AS unknown")
    topic = cypher.load("loaders/researcher_works@topic")
    assert "EXISTS { (p)-[:ABOUT]->(:Topic {id: key.topic}) }" in topic
    assert "COLLECT { MATCH (filterNamed:Topic)" in topic
    assert "key.yearFrom" not in topic
    # no field at all: nothing to test
    assert "WHERE true" in cypher.load("loaders/researcher_works@")
    # one linked field: its subquery and its kind's look-up alone (each other field's cost
    # Neo4j's planner seconds: papers_page@topicAnyOf planned in 9.4 s, 2.3 s without them)
    one = cypher.load("loaders/researcher_works@linked,topicAnyOf")
    assert "filterTopic.id IN key.topicAnyOf" in one
    assert "COLLECT { MATCH (filterNamed:Topic)" in one
    for other in ("filterAuthor", "creditAuthorship", "filterCited", "(filterNamed:Researcher)"):
        assert other not in one, other


def test_every_filter_fragment_is_a_conjunction_of_field_conditions() -> None:
    for name in sorted(cypher.FILTER_FRAGMENTS):
        conditions = cypher._conditions(cypher.fragment(name, "x, ''"))
        assert len(conditions) >= 8, name
        # most are one field's `(key.<field> IS NULL OR …)`
        single = [read for read, condition in conditions if condition.startswith("(key.")]
        assert sum(len(read) == 1 for read in single) >= 8, name
