"""Which answer an Accept header gets: JSON, GraphQL over HTTP's own type, or an event stream."""

from __future__ import annotations

import pytest

from bzpeer_graphql.web.media import prefers_event_stream, prefers_graphql_response

#: what urql 6 sends by default: every type it can read, the event stream among them
URQL = (
    "application/graphql-response+json, application/graphql+json, application/json, "
    "text/event-stream, multipart/mixed"
)


@pytest.mark.parametrize(
    ("accept", "stream"),
    [
        ("text/event-stream", True),  # graphql-sse's client
        ("text/event-stream, application/json;q=0.5", True),
        (URQL, False),
        ("application/json, text/event-stream", False),
        ("text/event-stream;q=0, application/json", False),
        ("*/*", False),
        (None, False),
    ],
)
def test_an_event_stream_only_when_it_is_preferred(accept: str | None, stream: bool) -> None:
    assert prefers_event_stream(accept) is stream


def test_urql_gets_graphql_response_json() -> None:
    assert prefers_graphql_response(URQL) is True
    assert prefers_graphql_response("application/json") is False
