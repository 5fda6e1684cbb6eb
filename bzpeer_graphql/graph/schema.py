"""The schema: the domain query types joined into one `Query`, with its extensions."""

from __future__ import annotations

from collections.abc import AsyncGenerator, Iterable
from contextlib import aclosing
from typing import Annotated, Any

import strawberry
from graphql import GraphQLError
from graphql.execution import (
    ExperimentalIncrementalExecutionResults,
    SubsequentIncrementalExecutionResult,
)
from strawberry.schema.config import StrawberryConfig
from strawberry.schema.schema import DEFAULT_ALLOWED_OPERATION_TYPES
from strawberry.types import ExecutionContext, ExecutionResult
from strawberry.types.graphql import OperationType

from bzpeer_graphql.engine.bind import bind
from bzpeer_graphql.engine.executor import PlannedExecutor
from bzpeer_graphql.engine.fields import Call, Typed
from bzpeer_graphql.engine.messages import speak_graphql
from bzpeer_graphql.errors import BadUserInput, coded
from bzpeer_graphql.graph.caches import ParsedDocuments, ValidatedDocuments
from bzpeer_graphql.graph.collaboration import CollaborationQuery
from bzpeer_graphql.graph.duplicates import DuplicatesQuery
from bzpeer_graphql.graph.explore import ExploreQuery
from bzpeer_graphql.graph.extensions import CypherStats, RequestLimits, settle
from bzpeer_graphql.graph.identity_mutations import IdentityMutation
from bzpeer_graphql.graph.institution import Institution, InstitutionQuery
from bzpeer_graphql.graph.live import Subscription
from bzpeer_graphql.graph.node import Node, NodeId
from bzpeer_graphql.graph.paper import Paper, PaperQuery
from bzpeer_graphql.graph.plans import planned_by
from bzpeer_graphql.graph.ready import ready, run_ready
from bzpeer_graphql.graph.researcher import Researcher, ResearcherQuery
from bzpeer_graphql.graph.sample import SampleQuery
from bzpeer_graphql.graph.search import SearchQuery
from bzpeer_graphql.graph.stats import StatsQuery
from bzpeer_graphql.graph.topic import Topic, TopicQuery
from bzpeer_graphql.graph.viewer import Mutation as ViewerMutation
from bzpeer_graphql.graph.viewer import ViewerQuery
from bzpeer_graphql.loaders.node import NodeById


async def _node(source: Any, given: dict[str, Any], context: Any) -> Typed | None:
    row = await context.loader(NodeById).load(given["id"])
    if not row or row["kind"] is None:
        return None
    return Typed(row["kind"], row["node"])


#: the most ids one `nodes` may ask for
MAX_IDS = 500


def _node_ids(given: dict[str, Any], settings: Any, selected: frozenset[str]) -> list[str]:
    ids: list[str] = given["ids"]
    if len(ids) > MAX_IDS:
        raise BadUserInput(
            f"ids may hold at most {MAX_IDS} ids (got {len(ids)})", argument="ids", max=MAX_IDS
        )
    return ids


async def _nodes(source: Any, ids: list[str], context: Any) -> list[Typed | None]:
    rows = await context.loader(NodeById).load_many(ids)
    return [
        Typed(row["kind"], row["node"]) if row and row["kind"] is not None else None for row in rows
    ]


@strawberry.type(description="Entry points into the research graph.")
class Query(
    ResearcherQuery,
    PaperQuery,
    TopicQuery,
    InstitutionQuery,
    ExploreQuery,
    CollaborationQuery,
    StatsQuery,
    SampleQuery,
    SearchQuery,
    ViewerQuery,
    DuplicatesQuery,
):
    @planned_by(
        Call(_node),
        "Any researcher, paper, topic or institution by id (an absorbed researcher record's "
        "id gives the record that absorbed it); null when unknown.",
    )
    def node(self, id: NodeId) -> Node | None: ...

    @planned_by(
        Call(_nodes, _node_ids),
        f"Researchers, papers, topics and institutions by id, in the order asked, in one round "
        f"trip, an absorbed researcher record's id giving the record that absorbed it; null for "
        f"an unknown id. At most {MAX_IDS} ids, more is BAD_USER_INPUT.",
    )
    def nodes(
        self,
        ids: Annotated[
            list[strawberry.ID],
            strawberry.argument(description=f"The ids, at most {MAX_IDS}; duplicates allowed."),
        ],
    ) -> list[Node | None] | None: ...


@strawberry.type(description="Changes a signed-in viewer makes; each one is one transaction.")
class Mutation(ViewerMutation, IdentityMutation):
    pass


class BzpeerSchema(strawberry.Schema):
    """Every result leaves with coded errors, also those strawberry makes outside the extension
    hooks (a syntax error from the parser cache); nothing is logged twice here. A text seen
    and validated before runs without the hooks (`ready`)."""

    async def execute(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
        operation_extensions: dict[str, Any] | None = None,
    ) -> ExecutionResult:
        found = ready(
            self,
            query,
            operation_name,
            DEFAULT_ALLOWED_OPERATION_TYPES
            if allowed_operation_types is None
            else allowed_operation_types,
            context_value,
        )
        if found is not None:
            done = await run_ready(
                self, found, variable_values, context_value, root_value, operation_name
            )
            settle(done, context_value)
            return done
        result = await super().execute(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            allowed_operation_types,
            operation_extensions,
        )
        if isinstance(result, ExperimentalIncrementalExecutionResults):
            # `@defer` / `@stream`: the first part now, the others as they come; all coded
            settle(result.initial_result, context_value)
            return result._replace(
                subsequent_results=_settled(result.subsequent_results, context_value)
            )
        settle(result, context_value)
        return result

    async def stream(
        self,
        query: str | None,
        variable_values: dict[str, Any] | None = None,
        context_value: Any | None = None,
        root_value: Any | None = None,
        operation_name: str | None = None,
        operation_extensions: dict[str, Any] | None = None,
        allowed_operation_types: Iterable[OperationType] | None = None,
    ) -> Any:
        """Each result of a streamed operation (a subscription's changes, `@defer`'s parts)
        leaves with coded errors too."""
        source = await super().stream(
            query,
            variable_values,
            context_value,
            root_value,
            operation_name,
            operation_extensions,
            allowed_operation_types,
        )
        return _settled(source, context_value)

    def process_errors(
        self, errors: list[GraphQLError], execution_context: ExecutionContext | None = None
    ) -> None:
        return None


async def _settled(source: AsyncGenerator[Any], context: Any) -> AsyncGenerator[Any]:
    """Each result, or each part of an incremental result, with coded errors."""
    async with aclosing(source):
        async for result in source:
            if isinstance(result, SubsequentIncrementalExecutionResult):
                for part in (*(result.incremental or ()), *(result.completed or ())):
                    if part.errors:
                        part.errors = [coded(error) for error in part.errors]
            elif hasattr(result, "errors"):
                settle(result, context)
            yield result


schema = BzpeerSchema(
    query=Query,
    mutation=Mutation,
    subscription=Subscription,
    types=[Researcher, Paper, Topic, Institution],
    # the endpoint caps batches at BZPEER_MAX_BATCH before strawberry sees them
    config=StrawberryConfig(
        batching_config={"max_operations": 1000}, enable_experimental_incremental_execution=True
    ),
    # queries run from their plan, level by level (engine/); mutations through graphql-core
    execution_context_class=PlannedExecutor,
    # parsing and validating the same documents again costs several ms of CPU per request;
    # both caches live at module level, bounded in bytes (BZPEER_DOCUMENT_CACHE_BYTES)
    extensions=[CypherStats, ParsedDocuments, ValidatedDocuments, RequestLimits],
)


#: every field's plan, and graphql-core's resolvers made from them
bound = bind(schema._schema)
speak_graphql()


def sdl() -> str:
    """The schema as SDL, exactly as kept in `schema.graphql`."""
    return schema.as_str() + "\n"
