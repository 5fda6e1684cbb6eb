"""The charge of root introspection fields read from a text's tokens agrees with the charge
after graphql-core's parse, or leaves the decision to it."""

from __future__ import annotations

import pytest
from graphql import GraphQLError, parse

from bzpeer_graphql.policy.introspection import charged_early
from bzpeer_graphql.policy.prescan import charged_unparsed, root_introspections
from bzpeer_graphql.policy.variables import operation_of
from tests.test_hostile import introspections

FIVE = " ".join(f"s{i}: __schema {{ queryType {{ name }} }}" for i in range(5))


def after_parsing(text: str, name: str | None, allowed: bool = True) -> GraphQLError | None:
    document = parse(text)
    operation = operation_of(document, name)
    return None if operation is None else charged_early(document, operation, 20000, allowed)


@pytest.mark.parametrize(
    ("text", "name"),
    [
        (introspections(30), None),
        (introspections(30), "IntrospectionQuery"),
        (introspections(5), None),
        (f"{{ {FIVE} }}", None),
        (f'query Q($n: String = "__schema") {{ __type(name: $n) {{ name }} {FIVE} }}', None),
        (f"{{ a: __schema @include(if: true) {{ types {{ name }} }} {FIVE} }}", None),
        (f'# __schema __schema\n{{ {FIVE} x: __type(name: "__schema") {{ name }} }}', "Q"),
    ],
)
def test_root_introspections_past_the_cap_are_charged_as_after_parsing(
    text: str, name: str | None
) -> None:
    unparsed = charged_unparsed(text, name, 20000, True, 5000)
    parsed = after_parsing(text, name)
    assert (unparsed and unparsed.extensions) == (parsed and parsed.extensions)
    off = charged_unparsed(text, name, 20000, False, 5000)
    parsed_off = after_parsing(text, name, False)
    assert (off and off.extensions) == (parsed_off and parsed_off.extensions)


@pytest.mark.parametrize(
    "text",
    [
        # a fragment at the root, several operations: the parse decides
        f"query {{ ...F }} fragment F on Query {{ {FIVE} }}",
        f"query {{ ... on Query {{ {FIVE} }} }}",
        f"query A {{ {FIVE} }} query B {{ x }}",
        # not a document: the parse's own error
        f"{{ {FIVE} }} }}",
        f"{{ {FIVE} ",
        f'{{ {FIVE} x(a: "unterminated) }}',
        # nothing past the cap, or nothing introspected at the root
        introspections(4),
        '{ researcher(id: "__schema") { name } }',
    ],
)
def test_what_tokens_do_not_settle_is_left_to_the_parse(text: str) -> None:
    assert charged_unparsed(text, None, 20000, True, 5000) is None


def test_a_text_past_the_token_cap_is_left_to_the_parse() -> None:
    assert root_introspections(introspections(30), None, 100) == []
    assert len(root_introspections(introspections(30), None, 5000)) == 30
