"""The charge of an operation's root introspection fields read from its text's tokens, before
graphql-core parses it: a salted text of 30 aliased full introspections took ~12 ms of CPU to
parse only to be refused after; its tokens are found by one regular expression in C."""

from __future__ import annotations

import re

from graphql import GraphQLError

from bzpeer_graphql.policy.costs import INTROSPECTION_COST
from bzpeer_graphql.policy.limits import costly, introspection_off

#: GraphQL's lexical tokens (spec section 2.1): `findall` gives each token, "" for what is
#: ignored (white space, commas, comments), and any other character alone
_TOKEN = re.compile(
    r"""[\s,\ufeff]+|\#[^\n\r]*"""
    r'''|("""(?:\\"""|(?!""")[\s\S])*"""|"(?:\\.|[^"\\\n\r])*"'''
    r"""|-?\d+(?:\.\d+)?(?:[eE][+-]?\d+)?|[_A-Za-z][_0-9A-Za-z]*|\.\.\.|[\s\S])"""
)
#: the tokens of one character: punctuators, digits and names
_ONE_CHARACTER = (
    frozenset("!$&():=@[]{|}")
    | frozenset("0123456789")
    | frozenset("_ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz")
)
#: a text that may introspect at all
_MENTIONED = re.compile(r"__schema\b|__type\b")
_OPERATIONS = frozenset({"query", "mutation", "subscription"})
_OPEN = frozenset({"(", "["})
_CLOSE = frozenset({")", "]"})


def root_introspections(text: str, operation_name: str | None, max_tokens: int) -> list[str]:
    """The introspection fields at the root of the one operation of `text`, or [] when that is
    not simply known from its tokens (several operations, a fragment spread or an inline
    fragment at the root, another operation name asked, past `max_tokens`, not lexable or not
    balanced): graphql-core's parse and the charge after it then decide."""
    tokens = _tokens(text, max_tokens)
    if tokens is None:
        return []
    found: list[str] = []
    operations = 0
    depth = parens = 0
    at_start = True  # where a definition may begin
    in_operation = False
    i = 0
    while i < len(tokens):
        token = tokens[i]
        if token in _OPEN:
            parens += 1
        elif token in _CLOSE:
            parens -= 1
        elif parens:
            pass  # arguments, variables and their values
        elif token == "{":
            if at_start:  # an operation without a name
                if operation_name is not None:
                    return []
                operations, in_operation, at_start = operations + 1, True, False
            depth += 1
        elif token == "}":
            depth -= 1
            if depth == 0:
                at_start = True
        elif depth == 0:
            if at_start and token in _OPERATIONS:
                operations, in_operation, at_start = operations + 1, True, False
                name = tokens[i + 1] if i + 1 < len(tokens) else ""
                if operation_name is not None and name != operation_name:
                    return []
            elif at_start and token == "fragment":
                in_operation, at_start = False, False
        elif depth == 1 and in_operation:
            if token == "...":
                return []
            if token == "@":
                i += 2  # the directive's name
                continue
            if i + 1 < len(tokens) and tokens[i + 1] == ":":
                i += 2  # an alias: the field's name follows
                token = tokens[i] if i < len(tokens) else ""
            if token in INTROSPECTION_COST:
                found.append(token)
        if depth < 0 or parens < 0:
            return []
        i += 1
    if operations != 1 or depth or parens:
        return []
    return found


def charged_unparsed(
    text: str, operation_name: str | None, max_cost: int, allowed: bool, max_tokens: int
) -> GraphQLError | None:
    """The refusal `charged_early` would give `text` once parsed, found from its tokens; None
    when it has none or it is not simply known (see `root_introspections`)."""
    if _MENTIONED.search(text) is None:
        return None  # `__typename` alone, in most texts clients send, costs nothing
    found = root_introspections(text, operation_name, max_tokens)
    if found and not allowed:
        return introspection_off()
    cost = sum(INTROSPECTION_COST[name] for name in found)
    return costly(cost, max_cost) if cost > max_cost else None


def _tokens(text: str, max_tokens: int) -> list[str] | None:
    """The tokens of `text`, or None past `max_tokens` or at a character GraphQL does not lex."""
    tokens = list(filter(None, _TOKEN.findall(text)))
    if len(tokens) > max_tokens:
        return None
    if any(len(token) == 1 and token not in _ONE_CHARACTER for token in set(tokens)):
        return None  # an unterminated string, a lone `.`, a character outside the grammar
    return tokens
