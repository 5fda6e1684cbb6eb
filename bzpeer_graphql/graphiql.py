"""GraphiQL at /graphql, opening with the example operations of `graphiql_examples.graphql`."""

from __future__ import annotations

import json
import re
from functools import cache
from pathlib import Path

EXAMPLES = Path(__file__).with_name("graphiql_examples.graphql")
#: where Strawberry's GraphiQL page keeps the document it opens with
_DEFAULT_DOCUMENT = re.compile(r"const EXAMPLE_QUERY = `.*?`;", re.DOTALL)


def examples() -> str:
    """The example operations, one GraphQL document."""
    return EXAMPLES.read_text(encoding="utf-8")


@cache
def with_examples(template: str) -> str:
    """Strawberry's GraphiQL page with our examples as the document it opens with."""
    # a JSON string is a JavaScript string literal; "</" must not close the <script> early
    literal = json.dumps(examples()).replace("</", "<\\/")
    page, found = _DEFAULT_DOCUMENT.subn(lambda _: f"const EXAMPLE_QUERY = {literal};", template)
    if found != 1:
        raise RuntimeError("Strawberry's GraphiQL page no longer has an EXAMPLE_QUERY to replace")
    return page
