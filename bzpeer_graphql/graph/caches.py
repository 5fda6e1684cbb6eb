"""Parse and validation caches bounded in bytes: the same documents are not parsed or validated
again, and no stream of large unique queries can make the caches hold more than
BZPEER_DOCUMENT_CACHE_BYTES each."""

from __future__ import annotations

import asyncio
from collections import OrderedDict
from collections.abc import AsyncIterator, Mapping
from concurrent.futures import ThreadPoolExecutor
from typing import Any, Generic, TypeVar

from graphql import DocumentNode, GraphQLError, GraphQLSchema, parse
from strawberry.extensions import SchemaExtension
from strawberry.schema.schema import validate_document

from bzpeer_graphql.policy.introspection import charged_early
from bzpeer_graphql.policy.limits import too_wide
from bzpeer_graphql.policy.prescan import charged_unparsed
from bzpeer_graphql.policy.variables import operation_of, out_of_range

V = TypeVar("V")

#: bytes a parsed document holds per token of its text (nodes, tokens, locations), measured
#: with tracemalloc: 479 on the GraphiQL examples, 374 on a dense 6,004-token query
BYTES_PER_TOKEN = 500
#: a text this long or longer is parsed off the event loop (a shorter one costs less than the
#: hand-off to the thread: ~0.1 ms)
PARSE_INLINE_CHARS = 2000

#: the one thread that parses and validates new documents: the work is pure Python, so with one
#: thread the event loop waits at most one switch interval for the interpreter lock, where 20
#: threads validating at once each took their turn before it (bench/introspection.py: /healthz
#: p99 0.9 s under 20 clients of unique 30-alias introspections)
_DOCUMENTS = ThreadPoolExecutor(max_workers=1, thread_name_prefix="bzpeer-documents")


class SizedCache(Generic[V]):
    """A least-recently-used cache whose entries weigh bytes; the oldest go past the budget."""

    def __init__(self) -> None:
        self._entries: OrderedDict[Any, tuple[V, int]] = OrderedDict()
        self.bytes = 0

    def get(self, key: Any) -> V | None:
        found = self._entries.get(key)
        if found is None:
            return None
        self._entries.move_to_end(key)
        return found[0]

    def put(self, key: Any, value: V, weight: int, budget: int) -> None:
        """Keeps `value` unless it alone weighs more than `budget`, dropping the oldest."""
        old = self._entries.pop(key, None)
        if old is not None:
            self.bytes -= old[1]
        if weight > budget:
            return
        self._entries[key] = (value, weight)
        self.bytes += weight
        while self.bytes > budget:
            _, (_, dropped) = self._entries.popitem(last=False)
            self.bytes -= dropped

    def __len__(self) -> int:
        return len(self._entries)

    def clear(self) -> None:
        self._entries.clear()
        self.bytes = 0


#: process-wide, shared by every request (keyed by the query text and parse options)
PARSED: SizedCache[DocumentNode] = SizedCache()
VALIDATED: SizedCache[list[Any]] = SizedCache()


def document_weight(query: str, document: DocumentNode) -> int:
    """Estimated bytes a cached document holds: its text and its tokens' nodes."""
    tokens = 0
    token = document.loc.start_token if document.loc else None
    while token is not None:
        tokens += 1
        token = token.next
    return len(query.encode()) + BYTES_PER_TOKEN * tokens


def parse_key(query: str, options: Mapping[str, Any]) -> tuple[str, tuple[Any, ...]]:
    """Where PARSED keeps the document of `query` parsed with `options`."""
    return (query, tuple(sorted(options.items())))


def validation_key(schema: GraphQLSchema, query: str, rules: tuple[Any, ...]) -> tuple[Any, ...]:
    """Where VALIDATED keeps the errors of `query` validated against `schema` with `rules`."""
    return (id(schema), query, rules)


def _budget(extension: SchemaExtension) -> int | None:
    settings = getattr(extension.execution_context.context, "settings", None)
    return None if settings is None else int(settings.document_cache_bytes)


class ParsedDocuments(SchemaExtension):
    """Parses each query text once while its document stays in PARSED."""

    async def on_parse(self) -> AsyncIterator[None]:
        execution = self.execution_context
        query = execution.query or ""
        options = execution.parse_options
        key = parse_key(query, options)
        document = PARSED.get(key)
        if document is None:
            refused = _charged_unparsed(execution)
            if refused is not None:
                raise refused  # answered as the operation's one error, nothing parsed
            if len(query) < PARSE_INLINE_CHARS:
                document = parse(query, **options)
            else:
                loop = asyncio.get_running_loop()
                document = await loop.run_in_executor(_DOCUMENTS, lambda: parse(query, **options))
            budget = _budget(self)
            if budget is not None:
                PARSED.put(key, document, document_weight(query, document), budget)
        execution.graphql_document = document
        yield


class ValidatedDocuments(SchemaExtension):
    """Validates each parsed query text once while its errors stay in VALIDATED; a document
    with a selection set too wide to validate quickly is refused instead (`limits.too_wide`).
    Validation runs in the documents' thread: graphql-core's rules can take a wide document
    hundreds of milliseconds, and the event loop keeps serving meanwhile. An operation whose
    introspection alone is past the cost cap is refused before any of that."""

    async def on_validate(self) -> AsyncIterator[None]:
        execution = self.execution_context
        document = execution.graphql_document
        assert document is not None
        early = _charged_early(execution)
        if early is not None:
            execution.pre_execution_errors = [early]
            yield
            return
        rules = tuple(execution.validation_rules)
        key = validation_key(execution.schema._schema, execution.query or "", rules)
        errors = VALIDATED.get(key)
        if errors is None:
            wide = too_wide(document) or out_of_range(document)
            errors = [wide] if wide is not None else await _validated(execution, key, document)
            budget = _budget(self)
            if budget is not None:
                weight = len(key[1].encode()) + sum(len(e.message) for e in errors) + 200
                VALIDATED.put(key, errors, weight, budget)
        execution.pre_execution_errors = errors
        yield


#: validations under way, by event loop and key: the same text sent many times at once is
#: validated once (20 concurrent copies otherwise took 20 threads from the event loop)
_VALIDATING: dict[tuple[asyncio.AbstractEventLoop, Any], asyncio.Future[list[Any]]] = {}


async def _validated(execution: Any, key: Any, document: DocumentNode) -> list[Any]:
    """graphql-core's validation errors of `document`, computed in a worker thread."""
    loop = asyncio.get_running_loop()
    pending = _VALIDATING.get((loop, key))
    if pending is None:
        schema, rules = execution.schema._schema, key[2]
        pending = loop.run_in_executor(
            _DOCUMENTS, lambda: list(validate_document(schema, document, rules))
        )
        _VALIDATING[(loop, key)] = pending
        pending.add_done_callback(lambda _: _VALIDATING.pop((loop, key), None))
    return list(await asyncio.shield(pending))


def _charged_unparsed(execution: Any) -> GraphQLError | None:
    """The refusal of a new text whose root introspection fields are past the cap, read from
    its tokens (`prescan`): parsing it would cost ~10x more."""
    settings = getattr(execution.context, "settings", None)
    if settings is None:
        return None
    return charged_unparsed(
        execution.query or "",
        execution.operation_name,
        settings.max_cost,
        settings.introspection,
        settings.max_tokens,
    )


def _charged_early(execution: Any) -> GraphQLError | None:
    """The refusal of an operation whose introspection alone is past the configured cap."""
    settings = getattr(execution.context, "settings", None)
    document = execution.graphql_document
    operation = operation_of(document, execution.operation_name)
    if settings is None or operation is None:
        return None
    return charged_early(document, operation, settings.max_cost, settings.introspection)
