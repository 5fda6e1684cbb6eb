"""The one place that gives every GraphQL error a stable `extensions.code`."""

from __future__ import annotations

import logging
import uuid
from enum import StrEnum
from typing import Any

from graphql import GraphQLError
from neo4j.exceptions import (
    AuthError,
    ClientError,
    ServiceUnavailable,
    SessionExpired,
    TransientError,
)

from bzpeer_graphql.db.database import QueryTimedOut
from bzpeer_graphql.engine.messages import reworded
from bzpeer_graphql.web.observe import request_id as current_request_id

log = logging.getLogger("bzpeer_graphql.errors")


class Code(StrEnum):
    """Every `extensions.code` the API gives out; code elsewhere names them, never spells them."""

    BAD_REQUEST = "BAD_REQUEST"
    BAD_USER_INPUT = "BAD_USER_INPUT"
    UNAUTHENTICATED = "UNAUTHENTICATED"
    FORBIDDEN = "FORBIDDEN"
    NOT_FOUND = "NOT_FOUND"
    CLAIM_CONFLICT = "CLAIM_CONFLICT"
    ALREADY_MERGED = "ALREADY_MERGED"
    ID_TAKEN = "ID_TAKEN"
    NOT_AUTHORED = "NOT_AUTHORED"
    NOT_UNDOABLE = "NOT_UNDOABLE"
    PROPOSAL_CLOSED = "PROPOSAL_CLOSED"
    NOT_CLAIMED = "NOT_CLAIMED"
    NOT_OPEN_TO_COLLABORATE = "NOT_OPEN_TO_COLLABORATE"
    RATE_LIMITED = "RATE_LIMITED"
    SERVICE_UNAVAILABLE = "SERVICE_UNAVAILABLE"
    TIMEOUT = "TIMEOUT"
    INTERNAL_SERVER_ERROR = "INTERNAL_SERVER_ERROR"
    TOO_MANY_TOKENS = "TOO_MANY_TOKENS"
    GRAPHQL_PARSE_FAILED = "GRAPHQL_PARSE_FAILED"
    GRAPHQL_VALIDATION_FAILED = "GRAPHQL_VALIDATION_FAILED"
    INTROSPECTION_DISABLED = "INTROSPECTION_DISABLED"
    QUERY_TOO_DEEP = "QUERY_TOO_DEEP"
    TOO_MANY_ALIASES = "TOO_MANY_ALIASES"
    QUERY_TOO_COSTLY = "QUERY_TOO_COSTLY"
    QUERY_TOO_WIDE = "QUERY_TOO_WIDE"
    INVALID_JSON = "INVALID_JSON"
    BATCH_TOO_LARGE = "BATCH_TOO_LARGE"
    UNSUPPORTED_MEDIA_TYPE = "UNSUPPORTED_MEDIA_TYPE"
    RESPONSE_TOO_LARGE = "RESPONSE_TOO_LARGE"
    REQUEST_TOO_LARGE = "REQUEST_TOO_LARGE"
    METHOD_NOT_ALLOWED = "METHOD_NOT_ALLOWED"
    UNKNOWN_OPERATION = "UNKNOWN_OPERATION"
    PERSISTED_QUERY_NOT_SUPPORTED = "PERSISTED_QUERY_NOT_SUPPORTED"
    PERSISTED_QUERY_NOT_FOUND = "PERSISTED_QUERY_NOT_FOUND"
    PERSISTED_QUERY_HASH_MISMATCH = "PERSISTED_QUERY_HASH_MISMATCH"
    PERSISTED_QUERY_NOT_IN_LIST = "PERSISTED_QUERY_NOT_IN_LIST"
    PERSISTED_QUERY_INVALID = "PERSISTED_QUERY_INVALID"
    TOO_MANY_SUBSCRIPTIONS = "TOO_MANY_SUBSCRIPTIONS"
    TOO_MANY_SOCKETS = "TOO_MANY_SOCKETS"
    EVENTS_EXPIRED = "EVENTS_EXPIRED"
    SUBSCRIBER_TOO_SLOW = "SUBSCRIBER_TOO_SLOW"


class ApiError(Exception):
    """An error meant for the client: its message is shown and its code is stable."""

    code: str = Code.BAD_REQUEST

    def __init__(self, message: str, **extensions: Any) -> None:
        super().__init__(message)
        self.extensions = extensions


class BadUserInput(ApiError):
    """An argument has a value the API does not accept."""

    code: str = Code.BAD_USER_INPUT


class Unauthenticated(ApiError):
    """No viewer where one is needed, or a token that does not verify."""

    code: str = Code.UNAUTHENTICATED


class Forbidden(ApiError):
    """The viewer may not do this to this record."""

    code: str = Code.FORBIDDEN


class NotFound(ApiError):
    """No record has the id given."""

    code: str = Code.NOT_FOUND


class ClaimConflict(ApiError):
    """Another user already claims the record."""

    code: str = Code.CLAIM_CONFLICT


class AlreadyMerged(ApiError):
    """The record named was absorbed by a merge; `extensions.absorbed` says which one."""

    code: str = Code.ALREADY_MERGED


class IdTaken(ApiError):
    """The id a new node would get is another node's (ids are unique across kinds)."""

    code: str = Code.ID_TAKEN


class NotAuthored(ApiError):
    """A split names works the record did not author; `extensions.works` lists them."""

    code: str = Code.NOT_AUTHORED


class NotUndoable(ApiError):
    """A merge cannot be undone: the record is not absorbed, or its survivor was absorbed too."""

    code: str = Code.NOT_UNDOABLE


class ProposalClosed(ApiError):
    """The merge proposal was already accepted or rejected."""

    code: str = Code.PROPOSAL_CLOSED


class NotClaimed(ApiError):
    """The action needs a claimed record and this one is not."""

    code: str = Code.NOT_CLAIMED


class NotOpenToCollaborate(ApiError):
    """The researcher does not accept collaboration invites."""

    code: str = Code.NOT_OPEN_TO_COLLABORATE


class RateLimited(ApiError):
    """Too many of these too soon; `extensions.retryAfter` says how many seconds to wait."""

    code: str = Code.RATE_LIMITED


class DatabaseUnavailable(ApiError):
    """No database to answer from: none configured, unreachable, or refusing this server."""

    code: str = Code.SERVICE_UNAVAILABLE


class TooManySubscriptions(ApiError):
    """The server or the client holds as many subscriptions as it may; `extensions.max`."""

    code: str = Code.TOO_MANY_SUBSCRIPTIONS


class EventsExpired(ApiError):
    """A subscription asked for changes after an event id older than the kept changes."""

    code: str = Code.EVENTS_EXPIRED


class SubscriberTooSlow(ApiError):
    """More changes waited for a subscription than it may queue; `extensions.lastEventId`."""

    code: str = Code.SUBSCRIBER_TOO_SLOW


class LiveUnavailable(ApiError):
    """The change log (Redis) does not answer."""

    code: str = Code.SERVICE_UNAVAILABLE


class HttpError(ApiError):
    """A request refused before any operation runs: an HTTP status with a GraphQL error body."""

    def __init__(
        self,
        status: int,
        code: str,
        message: str,
        headers: dict[str, str] | None = None,
        **extensions: Any,
    ) -> None:
        super().__init__(message, **extensions)
        self.status = status
        self.code = code
        self.headers = headers or {}

    def body(self) -> dict[str, Any]:
        """The response body: no data, one coded error."""
        error = {"message": str(self), "extensions": {"code": self.code, **self.extensions}}
        return {"data": None, "errors": [error]}


#: Neo4j's status code for a database name it does not know
_NO_DATABASE = "Neo.ClientError.Database.DatabaseNotFound"
#: graphql-core's validation message for an Int literal outside 32 bits (a value, not a shape)
_OUT_OF_RANGE = "Int cannot represent non 32-bit signed integer value"


def _code_of(original: BaseException | None, error: GraphQLError) -> tuple[str, str | None]:
    """(code, message to show instead, or None to keep the message)."""
    if isinstance(original, ApiError):
        return original.code, None
    if isinstance(original, GraphQLError) and (
        error.path is None or original.message.startswith(("Argument '", "Variable '$"))
    ):
        return Code.BAD_USER_INPUT, None  # graphql-core refused a variable's or argument's value
    if isinstance(original, ServiceUnavailable | SessionExpired):
        return Code.SERVICE_UNAVAILABLE, "the database cannot be reached; try again shortly"
    if isinstance(original, AuthError):
        return Code.SERVICE_UNAVAILABLE, (
            "the database refused this server's credentials (check NEO4J_USER and NEO4J_PASSWORD)"
        )
    if isinstance(original, ClientError) and original.code == _NO_DATABASE:
        return Code.SERVICE_UNAVAILABLE, (
            "the database named by NEO4J_DATABASE does not exist on this Neo4j"
        )
    if isinstance(original, ClientError) and "InvalidBookmark" in (original.code or ""):
        return Code.BAD_USER_INPUT, "X-Bzpeer-Bookmark holds a bookmark this database did not give"
    if isinstance(original, QueryTimedOut):
        return Code.TIMEOUT, "the query ran past its time limit and was stopped"
    if isinstance(original, TransientError):
        return Code.SERVICE_UNAVAILABLE, "the database is busy; try again shortly"
    if original is not None:
        return Code.INTERNAL_SERVER_ERROR, "internal error"
    if error.path is None and "Syntax Error" in error.message:
        if "Parsing aborted" in error.message or "comments." in error.message:
            return Code.TOO_MANY_TOKENS, None
        return Code.GRAPHQL_PARSE_FAILED, None
    if error.path is None and error.message.startswith(_OUT_OF_RANGE):
        return Code.BAD_USER_INPUT, None  # an argument's Int literal past 32 bits
    if error.path is None:
        return Code.GRAPHQL_VALIDATION_FAILED, None
    return Code.INTERNAL_SERVER_ERROR, None


def coded(error: GraphQLError) -> GraphQLError:
    """The error with `extensions.code` set; unexpected exceptions masked and logged with an id."""
    existing = error.extensions or {}
    if "code" in existing:
        if reworded(error.message) == error.message:
            return error
        return GraphQLError(
            reworded(error.message),
            nodes=error.nodes,
            source=error.source,
            positions=error.positions,
            path=error.path,
            original_error=error.original_error,
            extensions=existing,
        )
    original = error.original_error
    code, message = _code_of(original, error)
    extensions: dict[str, Any] = {**existing, "code": code}
    if isinstance(original, ApiError):
        extensions.update(original.extensions)
    if code == Code.INTERNAL_SERVER_ERROR and original is not None:
        request_id = current_request_id.get() or uuid.uuid4().hex
        extensions["requestId"] = request_id
        log.error("unexpected error %s at %s", request_id, error.path, exc_info=original)
    return GraphQLError(
        message or reworded(error.message),
        nodes=error.nodes,
        source=error.source,
        positions=error.positions,
        path=error.path,
        original_error=original,
        extensions=extensions,
    )
