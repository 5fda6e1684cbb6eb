"""Flat exports of the list roots as NDJSON: `GET /export/papers.ndjson` and
`/export/researchers.ndjson`, with the list's own `filter` and `orderBy` (JSON in the query
string), walked page by page through the same schema (the same checks, errors and viewer), so
memory stays one page however long the list."""

from __future__ import annotations

import json
from collections.abc import AsyncIterator
from dataclasses import dataclass
from typing import Any

import orjson
from starlette.requests import Request
from starlette.responses import JSONResponse, Response, StreamingResponse
from starlette.routing import Route

from bzpeer_graphql.context import Context
from bzpeer_graphql.errors import Code, HttpError
from bzpeer_graphql.graph.schema import schema
from bzpeer_graphql.web.addresses import client_address
from bzpeer_graphql.web.endpoint import GraphQLEndpoint, refusal

MEDIA_TYPE = "application/x-ndjson"


@dataclass(frozen=True)
class Export:
    """One exportable list: its root field, filter and order types, and the fields of a row."""

    root: str
    filter_type: str
    order_type: str
    fields: str

    def query(self) -> str:
        """The page query the export walks."""
        return (
            f"query($first: Int, $after: String, $filter: {self.filter_type}, "
            f"$orderBy: {self.order_type}) {{ {self.root}(first: $first, after: $after, "
            f"filter: $filter, orderBy: $orderBy) {{ pageInfo {{ hasNextPage endCursor }} "
            f"edges {{ node {{ {self.fields} }} }} }} }}"
        )


EXPORTS = {
    "papers": Export(
        "papers",
        "WorkFilter",
        "WorkOrder",
        "id title year type venue doi arxivId openAccess citedByCount",
    ),
    "researchers": Export(
        "researchers", "ResearcherFilter", "ResearcherOrder", "id name orcid openToCollaborate"
    ),
}


def _variables(request: Request) -> dict[str, Any]:
    """`filter` (a JSON object) and `orderBy` (an order's name) from the query string."""
    variables: dict[str, Any] = {}
    raw = request.query_params.get("filter")
    if raw is not None:
        try:
            variables["filter"] = json.loads(raw)
        except ValueError:
            raise HttpError(400, Code.BAD_REQUEST, "filter must be a JSON object") from None
        if not isinstance(variables["filter"], dict):
            raise HttpError(400, Code.BAD_REQUEST, "filter must be a JSON object")
    if (order := request.query_params.get("orderBy")) is not None:
        variables["orderBy"] = order
    return variables


def export_routes(endpoint: GraphQLEndpoint) -> list[Route]:
    """The export routes; an export is charged to the client's rate as one request."""
    runtime = endpoint.runtime

    async def export(request: Request) -> Response:
        try:
            return await answer(request)
        except HttpError as refused:
            return refusal(refused, request.scope)

    async def answer(request: Request) -> Response:
        kind = EXPORTS.get(request.path_params["kind"])
        if kind is None:
            raise HttpError(404, Code.NOT_FOUND, "no such export (papers, researchers)")
        viewer = await endpoint.viewer_of(request)
        client = (
            f"viewer:{viewer.id}"
            if viewer
            else f"address:{client_address(request, runtime.settings)}"
        )
        variables = {**_variables(request), "first": runtime.settings.max_page_size}
        query = kind.query()

        await endpoint.take(client, 1)

        async def page(after: str | None) -> dict[str, Any]:
            context = Context(db=runtime.db, settings=runtime.settings, viewer=viewer)
            result = await schema.execute(
                query, variable_values={**variables, "after": after}, context_value=context
            )
            if result.errors:
                raise _Refused([dict(error.formatted) for error in result.errors])
            assert result.data is not None
            return result.data[kind.root]  # type: ignore[no-any-return]

        try:
            first = await page(None)
        except _Refused as refused:
            return JSONResponse({"errors": refused.errors}, status_code=400)

        async def lines() -> AsyncIterator[bytes]:
            current: dict[str, Any] | None = first
            while current is not None:
                yield b"".join(orjson.dumps(e["node"]) + b"\n" for e in current["edges"])
                info = current["pageInfo"]
                current = await page(info["endCursor"]) if info["hasNextPage"] else None

        return StreamingResponse(lines(), media_type=MEDIA_TYPE)

    return [Route("/export/{kind}.ndjson", export, methods=["GET"])]


class _Refused(Exception):
    """A page of an export answered with errors."""

    def __init__(self, errors: list[dict[str, Any]]) -> None:
        super().__init__("refused")
        self.errors = errors
