"""GraphQL over HTTP's `application/graphql-response+json`: chosen when the Accept header
prefers it, with 400 and no `data` entry for request errors (parsing, validation, variable
coercion, the limits checked before execution). `application/json` answers stay as they are.
"""

from __future__ import annotations

from typing import Any

import orjson
from starlette.responses import Response

from bzpeer_graphql.errors import Code

GRAPHQL_RESPONSE = "application/graphql-response+json"
JSON = "application/json"
EVENT_STREAM = "text/event-stream"


def prefers_graphql_response(accept: str | None) -> bool:
    """True when `accept` ranks application/graphql-response+json at least as high as
    application/json (`*/*` and no Accept header mean application/json)."""
    ranks = _ranks(accept)
    wanted = ranks.get(GRAPHQL_RESPONSE, 0.0)
    return wanted > 0 and wanted >= ranks.get(JSON, 0.0)


def prefers_event_stream(accept: str | None) -> bool:
    """True when `accept` ranks text/event-stream above both JSON types: graphql-sse's clients
    ask for it alone, while clients that take either (urql lists it beside the JSON types) get
    JSON."""
    ranks = _ranks(accept)
    wanted = ranks.get(EVENT_STREAM, 0.0)
    return wanted > 0 and wanted > max(ranks.get(JSON, 0.0), ranks.get(GRAPHQL_RESPONSE, 0.0))


def _ranks(accept: str | None) -> dict[str, float]:
    """The quality of each media type an Accept header names."""
    ranks: dict[str, float] = {}
    for part in (accept or "").split(","):
        media, *params = (piece.strip() for piece in part.split(";"))
        quality = 1.0
        for param in params:
            name, _, value = param.partition("=")
            if name.strip().lower() == "q":
                try:
                    quality = float(value)
                except ValueError:
                    quality = 0.0
        if media:
            ranks[media.lower()] = max(quality, ranks.get(media.lower(), 0.0))
    return ranks


def as_graphql_response(response: Response) -> Response:
    """The same answer as application/graphql-response+json: a request error (no data, no
    error with a path) loses its `data` entry and, from an operation, becomes a 400."""
    if not response.headers.get("content-type", "").startswith(JSON):
        return response  # a page, a stream: not a GraphQL response
    body = bytes(response.body)
    status = response.status_code
    if not body.startswith(b'{"data":{'):  # an answer with data is sent as it is
        parsed = orjson.loads(body)
        if isinstance(parsed, dict) and _request_error(parsed):
            del parsed["data"]
            status = 400 if status == 200 and not _kept_at_200(parsed) else status
        elif isinstance(parsed, list):
            for result in parsed:
                if isinstance(result, dict) and _request_error(result):
                    del result["data"]
        body = orjson.dumps(parsed)
    headers = {
        name: value
        for name, value in response.headers.items()
        if name not in ("content-length", "content-type")
    }
    return Response(body, status, headers=headers, media_type=f"{GRAPHQL_RESPONSE}; charset=utf-8")


def _request_error(result: dict[str, Any]) -> bool:
    """No data, and errors none of which came from a field (a field error has a path)."""
    errors = result.get("errors")
    return (
        "data" in result
        and result["data"] is None
        and isinstance(errors, list)
        and bool(errors)
        and all(isinstance(error, dict) and "path" not in error for error in errors)
    )


def _kept_at_200(result: dict[str, Any]) -> bool:
    """Refusals that clients expect at 200 whatever the media type: a persisted query's hash
    that is not known yet (Apollo clients then send the text) and an answer too large to
    send (the operation ran)."""
    codes = {error.get("extensions", {}).get("code") for error in result["errors"]}
    return bool(codes & {Code.PERSISTED_QUERY_NOT_FOUND, Code.RESPONSE_TOO_LARGE})
