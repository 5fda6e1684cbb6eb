"""GraphiQL at /graphql: the page built from npm packages into `explorer/dist/graphiql.html`,
opening with the example operations of `graphiql_examples.graphql`."""

from __future__ import annotations

import json
from functools import cache
from pathlib import Path

from starlette.responses import Response

from bzpeer_graphql.web.explorer import Explorer, not_built
from bzpeer_graphql.web.headers import page_response

EXAMPLES = Path(__file__).with_name("graphiql_examples.graphql")
PAGE = "graphiql.html"
#: the data element of the built page that carries the examples (JSON, never run as a script)
_SLOT = '<script type="application/json" id="graphiql-examples">""</script>'


def examples() -> str:
    """The example operations, one GraphQL document."""
    return EXAMPLES.read_text(encoding="utf-8")


@cache
def with_examples(template: str) -> str:
    """The built GraphiQL page with our examples in its data element."""
    # "<" as \\u003c: nothing in the JSON can close the element or open a tag
    data = json.dumps(examples()).replace("<", "\\u003c")
    if template.count(_SLOT) != 1:
        raise RuntimeError(f"{PAGE} has no examples element to fill; rebuild it")
    return template.replace(_SLOT, _SLOT.replace('""', data))


def graphiql_page(explorer: Explorer) -> Response:
    """GraphiQL with the examples, or 503 saying how to build it."""
    built = explorer.page(PAGE)
    if built is None:
        return not_built(explorer.missing_reason(), "GraphiQL")
    return page_response(with_examples(built.read_text(encoding="utf-8")))
